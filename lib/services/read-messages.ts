import { NotFoundError } from '../domain/errors.js';
import type { MessageEvents, MessagePage, MessageRecord } from '../domain/message.schema.js';
import { parseListQuery } from '../domain/validation.js';
import type { MessageLog } from '../ports/message-log.js';

export type GetMessage = (id: string | undefined, tenant: string) => Promise<MessageRecord>;
export type ListEvents = (id: string | undefined, tenant: string) => Promise<MessageEvents>;
export type ListMessages = (
  query: Record<string, string | undefined> | null,
  tenant: string,
) => Promise<MessagePage>;

/** A message of the caller's tenant; another tenant's message is as unknown as a missing one (404). */
export function makeGetMessage(log: MessageLog): GetMessage {
  return async (id, tenant) => {
    const record = id ? await log.get(id) : undefined;
    if (!record || record.tenant !== tenant) {
      throw new NotFoundError(`No message with id ${JSON.stringify(id ?? '')}`);
    }
    return record;
  };
}

export function makeListMessages(log: MessageLog): ListMessages {
  return async (query, tenant) => log.list({ ...parseListQuery(query), tenant });
}

/** A message's events, oldest first; 404 for an unknown message (an empty list would hide a typo). */
export function makeListEvents(log: MessageLog): ListEvents {
  const getMessage = makeGetMessage(log);
  return async (id, tenant) => {
    const record = await getMessage(id, tenant);
    return { messageId: record.id, items: await log.listEvents(record.id) };
  };
}
