import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { MessageStreamWindowEvent } from '../../lib/adapters/dynamodb/message-stream.js';
import { shardOf } from '../../lib/adapters/dynamodb/message-table.js';
import { windowEvent } from './lambda-events.js';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

/**
 * The message table's stream, for dynalite (which has none): a document client whose writes to the
 * table are recorded as the stream records DynamoDB would emit (NEW_AND_OLD_IMAGES, read before and
 * after each write), spread over `shards` stream shards by the item's id, each in write order with
 * growing sequence numbers. `windows()` answers each shard's records as the final invocation of a
 * tumbling window, as Lambda hands them to the stats consumer, and forgets them.
 * Writes must not run concurrently on one item (the images would mix).
 */
export function recordingStream(
  client: DynamoDBDocumentClient,
  endpoint: string,
  tableName: string,
  shards = 3,
) {
  const raw = new DynamoDBClient({ endpoint });
  const pending = new Map<string, DynamoDBRecord[]>();
  let sequence = 10n ** 20n;
  const imageOf = async (id: string) =>
    (
      await raw.send(
        new GetItemCommand({ TableName: tableName, Key: { id: { S: id } }, ConsistentRead: true }),
      )
    ).Item as Image | undefined;

  const recording = Object.assign(Object.create(client), {
    send: async (command: Parameters<typeof client.send>[0]) => {
      const input = command.input as { TableName?: string; Item?: { id?: string }; Key?: { id?: string } };
      const id = input.Item?.id ?? input.Key?.id;
      const writes = ['PutCommand', 'UpdateCommand'].includes(command.constructor.name);
      if (!writes || input.TableName !== tableName || typeof id !== 'string') return client.send(command);
      const before = await imageOf(id);
      const answer = await client.send(command);
      const after = await imageOf(id);
      const shardId = `shardId-0000000${shardOf(id, shards)}-test`;
      sequence += 1n;
      const record: DynamoDBRecord = {
        eventID: `event-${sequence}`,
        eventName: before ? 'MODIFY' : 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-1',
        dynamodb: {
          Keys: { id: { S: id } },
          ...(after ? { NewImage: after } : {}),
          ...(before ? { OldImage: before } : {}),
          SequenceNumber: String(sequence),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      };
      pending.set(shardId, [...(pending.get(shardId) ?? []), record]);
      return answer;
    },
  }) as DynamoDBDocumentClient;

  return {
    client: recording,
    /** Every shard's records so far, each as one window's final invocation. */
    windows(): MessageStreamWindowEvent[] {
      const events = [...pending].map(([shardId, records]) => windowEvent(shardId, records));
      pending.clear();
      return events;
    },
    close: () => raw.destroy(),
  };
}
