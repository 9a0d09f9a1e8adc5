import { afterEach, expect } from 'vitest';
import { noteAnswer, takeProblems } from './answer-checks.js';

// Every test's fetch of the service is checked against the OpenAPI document: an answer whose status,
// content type, headers or body the document does not describe fails the test that received it.
// The service's answers are told apart from the fake providers' (also on loopback) by x-request-id.
// Answers that bypass fetch are noted by their tests (answer-checks.ts) and fail the same way.

const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const response = await realFetch(input, init);
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!loopback || !response.headers.has('x-request-id')) return response;
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  await noteAnswer(method, url.pathname, {
    status: response.status,
    headers: response.headers,
    body: await response.clone().text(),
  });
  return response;
};

afterEach(() => {
  expect(takeProblems(), 'answers that the OpenAPI document does not describe').toEqual([]);
});
