import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  indexKeys,
  MESSAGE_TABLE,
  SHARDS,
  STATUS_CLASS,
  shardOf,
} from '../../../lib/adapters/dynamodb/message-table.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('the message table keys', () => {
  it('spreads ULIDs evenly over the shards, even ids of one millisecond', () => {
    // The hot-key figures of docs/dynamodb.md assume each shard takes 1/shards of a tenant's messages.
    for (const shards of [SHARDS.time, SHARDS.status]) {
      const counts = new Array<number>(shards).fill(0);
      const n = 2_000 * shards;
      // One millisecond's prefix and ULID's 16 random Crockford base32 characters (ulid() is slow).
      const prefix = ulid(1_780_000_000_000).slice(0, 10);
      const random = randomBytes(16 * n);
      for (let i = 0; i < n; i++) {
        let id = prefix;
        for (let c = 0; c < 16; c++) id += CROCKFORD[(random[i * 16 + c] ?? 0) % 32];
        const shard = shardOf(id, shards);
        counts[shard] = (counts[shard] ?? 0) + 1;
      }
      // 2,000 per shard expected; a binomial's 5 standard deviations are about 220.
      expect(Math.min(...counts)).toBeGreaterThan(1_780);
      expect(Math.max(...counts)).toBeLessThan(2_220);
    }
  });

  it('gives the same shard to the same id, so a message keeps its partitions for its life', () => {
    const id = ulid();
    expect(shardOf(id, SHARDS.time)).toBe(shardOf(id, SHARDS.time));
    expect(shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', 12)).toBe(shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', 12));
    expect(shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', 12)).not.toBe(shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5F', 12));
  });

  it('leads every index key with the tenant, and prepares the status key of every class', () => {
    const keys = indexKeys({
      id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
      tenant: 'acme',
      recipient: '+14155550123',
      status: 'queued',
    });
    const shard = shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', SHARDS.status);
    expect(keys).toEqual({
      timeShard: `acme#${shardOf('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', SHARDS.time)}`,
      recipientKey: 'acme#+14155550123',
      statusShard: `acme#live#${shard}`,
      [MESSAGE_TABLE.statusKeysAttribute]: {
        main: `acme#main#${shard}`,
        live: `acme#live#${shard}`,
        failed: `acme#failed#${shard}`,
      },
    });
    expect(STATUS_CLASS.pending).toBe(STATUS_CLASS.delivered);
  });
});
