import type { components } from './schema.js';

export type WebhookEvent = components['schemas']['WebhookEvent'];

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const encode = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/**
 * Checks a status webhook (Standard Webhooks): one of `webhook-signature`'s `v1,` signatures must be
 * the HMAC-SHA256 of `id.timestamp.body` keyed by the endpoint's secret, and `webhook-timestamp`
 * within `toleranceSeconds` of now (a replay of an old request fails). Pass the body exactly as
 * received. Answers the event; throws WebhookVerificationError otherwise. Web Crypto only: Node 20+
 * or a browser.
 */
export async function verifyWebhook(options: {
  secret: string;
  headers: Record<string, string | string[] | undefined> | Headers;
  body: string;
  toleranceSeconds?: number;
  now?: Date;
}): Promise<WebhookEvent> {
  const header = (name: string) => {
    const value = options.headers instanceof Headers ? options.headers.get(name) : options.headers[name];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook headers');
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300))
    throw new WebhookVerificationError('timestamp outside the tolerance window');
  const key = await crypto.subtle.importKey(
    'raw',
    decode(options.secret.replace(/^whsec_/, '')),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = `v1,${encode(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${seconds}.${options.body}`)))}`;
  // Compared in full whatever the position of a difference, so the time says nothing of it.
  const same = (given: string) =>
    given.length === expected.length &&
    [...given].reduce((diff, c, i) => diff | (c.charCodeAt(0) ^ expected.charCodeAt(i)), 0) === 0;
  if (!signatures.split(' ').some(same)) throw new WebhookVerificationError('no signature matches');
  return JSON.parse(options.body) as WebhookEvent;
}
