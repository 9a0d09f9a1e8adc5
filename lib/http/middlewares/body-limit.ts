import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError } from '../errors.js';

export const MAX_BODY_BYTES = 256 * 1024;

/** Refuses a body over the limit (413) before anything parses it. */
export const bodyLimit = (maxBytes = MAX_BODY_BYTES): MiddlewareObj<APIGatewayProxyEvent> => ({
  before: ({ event }) => {
    if (event.body == null) return;
    const bytes = event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').byteLength
      : Buffer.byteLength(event.body, 'utf8');
    if (bytes > maxBytes) throw new PayloadTooLargeError(maxBytes);
  },
});
