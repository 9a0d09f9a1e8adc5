import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/clock.js';
import type { TenantThroughput } from '../../ports/tenant-throughput.js';
import { LIST_LAYOUT, MESSAGE_TABLE } from './message-table.js';

/**
 * Each tenant's list layout (LIST_LAYOUT), one item of the message table per slotted tenant (`id`
 * `layout#${tenant}`, `slottedSince` alone: in no index, and no message's shape). Read once per
 * tenant and process every `cacheMs`; a change applies `noticeMs` after it is made, so every cached
 * copy is fresh by then.
 */
export class DynamoDbListLayouts implements TenantThroughput {
  // The read itself is cached, so that the records of one batch, written in parallel, read it once.
  private readonly cache = new Map<string, { at: number; slottedSince: Promise<string | null> }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** From when the tenant's messages are slotted (ISO-8601), or null: one partition. */
  async slottedSince(tenant: string): Promise<string | null> {
    const now = this.clock().getTime();
    const cached = this.cache.get(tenant);
    if (cached && now - cached.at < LIST_LAYOUT.cacheMs) return cached.slottedSince;
    const slottedSince = this.read(tenant);
    this.cache.set(tenant, { at: now, slottedSince });
    // A failed read is not kept: the next call reads again.
    slottedSince.catch(() => this.cache.delete(tenant));
    return slottedSince;
  }

  private async read(tenant: string): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [MESSAGE_TABLE.partitionKey]: MESSAGE_TABLE.layoutId(tenant) },
        ProjectionExpression: 'slottedSince',
      }),
    );
    return typeof Item?.slottedSince === 'string' ? Item.slottedSince : null;
  }

  async declare(tenant: string, perSecond: number | null): Promise<void> {
    if (perSecond !== null && perSecond <= LIST_LAYOUT.singleUpTo) return;
    const since = new Date(this.clock().getTime() + LIST_LAYOUT.noticeMs).toISOString();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: MESSAGE_TABLE.layoutId(tenant) },
          UpdateExpression: 'SET slottedSince = :since',
          ConditionExpression: 'attribute_not_exists(slottedSince)',
          ExpressionAttributeValues: { ':since': since },
        }),
      );
    } catch (error) {
      // Slotted already: a layout only grows, and its instant must not move.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
