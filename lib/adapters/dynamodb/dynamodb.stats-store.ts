import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dayOf, type StatsCount, type TenantStatsQuery, toStatsItems } from '../../domain/stats.js';
import type { CountBatch, StatsCounters, StatsStore } from '../../ports/stats-store.js';
import {
  dayBucket,
  hourBucket,
  isCounterAttribute,
  position,
  STATS_TABLE,
  statsPartition,
  statsShardOf,
} from './stats-table.js';

/**
 * Stats on DynamoDB. Reads: one Query per counter shard over the range of buckets, summed. Writes
 * (`add`, from the stream consumer): one conditional UpdateItem per counter item a batch touches,
 * adding its deltas and moving its source's position, so a batch added once is never added again.
 */
export class DynamoDbStatsStore implements StatsStore, StatsCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(query: TenantStatsQuery): Promise<StatsCount[]> {
    const bucket = query.granularity === 'hour' ? hourBucket : dayBucket;
    const rows: { bucket: string; counter: string; count: number }[] = [];
    await Promise.all(
      Array.from({ length: STATS_TABLE.shards }, async (_, shard) => {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
              ExpressionAttributeNames: { '#pk': STATS_TABLE.partitionKey, '#sk': STATS_TABLE.sortKey },
              ExpressionAttributeValues: {
                ':pk': statsPartition(query.tenant, shard),
                ':first': bucket(query.first),
                ':last': bucket(query.last),
              },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? []) {
            const key = String(item[STATS_TABLE.sortKey]).slice(2);
            for (const [name, value] of Object.entries(item)) {
              if (isCounterAttribute(name)) rows.push({ bucket: key, counter: name, count: Number(value) });
            }
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    return toStatsItems(rows);
  }

  async add(batch: CountBatch): Promise<void> {
    // Sums per item: each hour's item and its day's item, per tenant.
    const items = new Map<string, { tenant: string; bucket: string; sums: Map<string, number> }>();
    for (const { tenant, hour, counter, delta } of batch.deltas) {
      for (const bucket of [hourBucket(hour), dayBucket(dayOf(hour))]) {
        const key = `${tenant}|${bucket}`;
        const item = items.get(key) ?? { tenant, bucket, sums: new Map<string, number>() };
        items.set(key, item);
        item.sums.set(counter, (item.sums.get(counter) ?? 0) + delta);
      }
    }
    const shard = statsShardOf(batch.source);
    await Promise.all(
      [...items.values()].map(async ({ tenant, bucket, sums }) => {
        const changes = [...sums].filter(([, sum]) => sum !== 0);
        if (changes.length === 0) return;
        const names: Record<string, string> = {
          '#src': `${STATS_TABLE.sourcePrefix}${batch.source}`,
        };
        const values: Record<string, unknown> = {
          ':first': position(batch.first),
          ':last': position(batch.last),
        };
        const adds = changes.map(([counter, sum], i) => {
          names[`#c${i}`] = counter;
          values[`:c${i}`] = sum;
          return `#c${i} :c${i}`;
        });
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: {
                [STATS_TABLE.partitionKey]: statsPartition(tenant, shard),
                [STATS_TABLE.sortKey]: bucket,
              },
              UpdateExpression: `SET #src = :last ADD ${adds.join(', ')}`,
              ConditionExpression: 'attribute_not_exists(#src) OR #src < :first',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }),
          );
        } catch (error) {
          // This source's batch (or a later one) is in this item already: a redelivery.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }),
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
