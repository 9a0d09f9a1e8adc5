import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { UnsupportedMediaTypeError } from '../errors.js';

// What @middy/http-json-body-parser accepts (application/json, application/*+json, with parameters).
const JSON_MEDIA_TYPE = /^application\/(.+\+)?json($|;.+)/;

/**
 * Answers 415 for a body that is not declared JSON, and hands the parser a lower-case
 * `content-type` header: header names and media types are case-insensitive, the parser's checks are not.
 */
export const jsonContentType = (): MiddlewareObj<APIGatewayProxyEvent> => ({
  before: ({ event }) => {
    const headers = event.headers ?? {};
    const name = Object.keys(headers).find((key) => key.toLowerCase() === 'content-type');
    const value = name ? headers[name]?.trim().toLowerCase() : undefined;
    if (!value || !JSON_MEDIA_TYPE.test(value)) throw new UnsupportedMediaTypeError();
    event.headers = { ...headers, 'content-type': value };
  },
});
