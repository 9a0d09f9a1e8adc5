import { afterEach, expect } from 'vitest';

// Every test's fetch of the service is checked against the OpenAPI document: an answer whose status,
// content type, headers or body the document does not describe fails the test that received it.
// The service's answers are told apart from the fake providers' (also on loopback) by x-request-id.

const realFetch = globalThis.fetch;
let problems: string[] = [];

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const response = await realFetch(input, init);
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!loopback || !response.headers.has('x-request-id')) return response;
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const body = await response.clone().text();
  // Loaded on first use: imported up front, the document's modules would be cached before a unit
  // test's vi.mock of one of them could apply.
  const { checkAnswer } = await import('./openapi-validator.js');
  const found = checkAnswer(method.toUpperCase(), url.pathname, {
    status: response.status,
    headers: response.headers,
    body,
  });
  if (found?.length) problems.push(...found);
  return response;
};

afterEach(() => {
  const seen = problems;
  problems = [];
  expect(seen, 'answers that the OpenAPI document does not describe').toEqual([]);
});
