import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ErasureJob } from '../../domain/erasure.js';
import type { ErasureJobStore } from '../../ports/erasure-jobs.js';
import { ERASURE_TABLE } from './erasure-table.js';

const FIELDS = ['id', 'tenant', 'status', 'erased', 'recipientHash', 'createdAt', 'completedAt'] as const;

/** Erasure jobs on DynamoDB (ERASURE_TABLE). The client is shared: `close` leaves it alone. */
export class DynamoDbErasureJobStore implements ErasureJobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ErasureJob): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...job },
        ConditionExpression: 'attribute_not_exists(#id)',
        ExpressionAttributeNames: { '#id': ERASURE_TABLE.partitionKey },
      }),
    );
  }

  async get(id: string): Promise<ErasureJob | undefined> {
    if (id.length === 0 || id.length > 64) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [ERASURE_TABLE.partitionKey]: id },
        ConsistentRead: true,
      }),
    );
    return Item && (Object.fromEntries(FIELDS.map((field) => [field, Item[field]])) as ErasureJob);
  }

  async close(): Promise<void> {
    // The client is shared: whoever created it destroys it.
  }
}
