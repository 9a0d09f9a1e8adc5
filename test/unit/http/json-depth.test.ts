import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../lib/http/middlewares/json-depth.js';

const nestedArrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('jsonDepth', () => {
  it.each([
    ['a string', '"x"', 0],
    ['a flat object', '{"type":"sms","content":"hi"}', 1],
    ['an object in an array', '[{"a":1}]', 2],
    ['the deepest branch, not the first', '{"a":1,"b":{"c":{"d":[]}}}', 4],
  ])('measures %s', (_, json, depth) => {
    expect(jsonDepth(JSON.parse(json))).toBe(depth);
  });

  it('measures 100,000 nested arrays without overflowing the stack', () => {
    expect(jsonDepth(nestedArrays(100_000))).toBe(100_000);
  });

  it('stops early once past the limit', () => {
    expect(jsonDepth(nestedArrays(100_000), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
  });
});
