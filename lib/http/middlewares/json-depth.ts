import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ValidationError } from '../../domain/errors.js';

/** Deeper than any request of the contract needs (its bodies are flat objects), far below the stack's limit. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, measured without recursion (a hostile body is deep). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * After the JSON parser: refuses a body nested deeper than MAX_JSON_DEPTH before any work (hashing,
 * validation) walks it recursively.
 */
export const jsonDepthLimit = (): MiddlewareObj<APIGatewayProxyEvent> => ({
  before: ({ event }) => {
    if (jsonDepth(event.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new ValidationError([
        { field: 'body', message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` },
      ]);
    }
  },
});
