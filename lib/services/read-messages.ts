import { NotFoundError } from '../domain/errors.js';
import type { MessageEvent, MessageRecord } from '../domain/message.schema.js';
import { parseListQuery } from '../domain/validation.js';
import type { MessageLog, MessagePage } from '../ports/message-log.js';

export type GetMessage = (id: string | undefined) => Promise<MessageRecord>;
export type ListEvents = (id: string | undefined) => Promise<{ messageId: string; items: MessageEvent[] }>;
export type ListMessages = (query: Record<string, string | undefined> | null) => Promise<MessagePage>;

export function makeGetMessage(log: MessageLog): GetMessage {
  return async (id) => {
    const record = id ? await log.get(id) : undefined;
    if (!record) throw new NotFoundError(`No message with id ${JSON.stringify(id ?? '')}`);
    return record;
  };
}

export function makeListMessages(log: MessageLog): ListMessages {
  return async (query) => log.list(parseListQuery(query));
}

/** A message's events, oldest first; 404 for an unknown message (an empty list would hide a typo). */
export function makeListEvents(log: MessageLog): ListEvents {
  const getMessage = makeGetMessage(log);
  return async (id) => {
    const record = await getMessage(id);
    return { messageId: record.id, items: await log.listEvents(record.id) };
  };
}
