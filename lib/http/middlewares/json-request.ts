import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidJsonError, UnsupportedMediaTypeError } from '../errors.js';

// What @middy/http-json-body-parser accepts (application/json, application/*+json, with parameters).
const JSON_MEDIA_TYPE = /^application\/(.+\+)?json($|;.+)/;

/**
 * Before the JSON parser: answers 415 for a body that is not declared JSON and 400 for a missing one
 * (API Gateway passes an empty body as null, which JSON.parse would take for `null`). Hands the parser
 * a lower-case `content-type`: header names and media types are case-insensitive, its checks are not.
 */
export const jsonRequest = (): MiddlewareObj<APIGatewayProxyEvent> => ({
  before: ({ event }) => {
    const headers = event.headers ?? {};
    const name = Object.keys(headers).find((key) => key.toLowerCase() === 'content-type');
    const value = name ? headers[name]?.trim().toLowerCase() : undefined;
    if (!value || !JSON_MEDIA_TYPE.test(value)) throw new UnsupportedMediaTypeError();
    if (event.body == null || event.body === '') throw new InvalidJsonError();
    event.headers = { ...headers, 'content-type': value };
  },
});
