import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { EVENT_OF_STATUS } from '../../domain/webhook.js';
import type { StatusChangeEvent } from '../../services/deliver-webhooks.js';
import { toRecord } from './dynamodb.message-log.js';
import { MESSAGE_TABLE } from './message-table.js';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

const eventCount = (image: Image | undefined) => image?.[MESSAGE_TABLE.eventsAttribute]?.L?.length ?? 0;

/**
 * The status changes of the message table's stream (NEW_AND_OLD_IMAGES) that have a webhook event:
 * the status write appends to `events` in the same UpdateItem, so a record whose new image holds
 * more events than its old one is a change, numbered by its place in that list (the SQLite outbox
 * numbers it alike), and the new image is the record as the change left it. Other writes (an
 * erasure rewrites the events, a resend links its copy) add no event; a removal (TTL) is no change;
 * an item that is no message (a tenant's list layout) has no events.
 */
export function statusChangesOf(records: readonly DynamoDBRecord[]): StatusChangeEvent[] {
  return records.flatMap((record): StatusChangeEvent[] => {
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return [];
    const after = record.dynamodb?.NewImage;
    const eventSeq = eventCount(after);
    if (!after || eventSeq <= eventCount(record.dynamodb?.OldImage)) return [];
    // The stream's images are the wire format; the SDK's own unmarshalling reads them.
    const messageRecord = toRecord(unmarshall(after as Record<string, AttributeValue>));
    return EVENT_OF_STATUS[messageRecord.status] ? [{ record: messageRecord, eventSeq }] : [];
  });
}
