import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Channel, MessageRecord } from '../../domain/message.schema.js';
import type { MessageStatus } from '../../domain/message-status.js';
import { type CountDelta, deltasOf } from '../../domain/stats.js';

/**
 * The message table's stream as Lambda hands it over with a tumbling window
 * (`TumblingWindowInSeconds`): only then does the event name its stream shard and carry the
 * window's state from one invocation to the next.
 */
export interface MessageStreamWindowEvent extends DynamoDBStreamEvent {
  shardId?: string;
  eventSourceARN?: string;
  state?: Record<string, string>;
  window?: { start: string; end: string };
  isFinalInvokeForWindow?: boolean;
  isWindowTerminatedEarly?: boolean;
}

/** One stream record's effect on the counts, at its position in its shard. */
export interface StreamChange {
  position: string;
  deltas: CountDelta[];
}

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

// An item that is no message (a tenant's list layout, `layout#<tenant>`) has no type nor status:
// it counts nothing.
const countedOf = (image: Image | undefined) => {
  const text = (name: string) => image?.[name]?.S;
  const [tenant, type, status, createdAt] = ['tenant', 'type', 'status', 'createdAt'].map(text);
  if (!tenant || !type || !status || !createdAt) return undefined;
  return { tenant, type: type as Channel, status: status as MessageStatus, createdAt } satisfies Pick<
    MessageRecord,
    'tenant' | 'type' | 'status' | 'createdAt'
  >;
};

/**
 * What each record does to the counts (the stream's view type is NEW_AND_OLD_IMAGES): a new message
 * counts in its status, a status change moves its count. A removal (TTL, once a retention policy
 * sets it) leaves the counts as they were: they are the history of what was sent.
 */
export function streamChanges(records: readonly DynamoDBRecord[]): StreamChange[] {
  return records.flatMap((record): StreamChange[] => {
    const position = record.dynamodb?.SequenceNumber;
    if (!position) return [];
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return [{ position, deltas: [] }];
    const after = countedOf(record.dynamodb?.NewImage);
    if (!after) return [{ position, deltas: [] }];
    const before = record.eventName === 'MODIFY' ? countedOf(record.dynamodb?.OldImage) : undefined;
    return [{ position, deltas: deltasOf(before, after) }];
  });
}
