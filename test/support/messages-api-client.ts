import type { MessageEvent, MessageRecord } from '../../lib/domain/message.schema.js';
import { isFinal } from '../../lib/domain/message-status.js';
import { waitFor } from './async.js';

/**
 * GETs `/messages/{id}` from `baseUrl` until the worker is done with it: `sent` (which only a receipt
 * moves on), `failed`, `delivered` or `undelivered`.
 */
export async function waitForFinalRecord(
  baseUrl: string,
  id: string,
  timeoutMs = 10_000,
): Promise<MessageRecord> {
  return waitFor(
    async () => {
      const response = await fetch(`${baseUrl}/messages/${id}`);
      if (response.status !== 200) return undefined;
      const record = (await response.json()) as MessageRecord;
      return isFinal(record.status) || record.status === 'sent' ? record : undefined;
    },
    { timeoutMs, what: `message ${id} to reach a final status` },
  );
}

/** `GET /messages/{id}/events`: the message's events, oldest first. */
export async function getEvents(baseUrl: string, id: string): Promise<MessageEvent[]> {
  const response = await fetch(`${baseUrl}/messages/${id}/events`);
  if (response.status !== 200) throw new Error(`GET events of ${id} answered ${response.status}`);
  const body = (await response.json()) as { messageId: string; items: MessageEvent[] };
  if (body.messageId !== id) throw new Error(`GET events of ${id} answered those of ${body.messageId}`);
  return body.items;
}
