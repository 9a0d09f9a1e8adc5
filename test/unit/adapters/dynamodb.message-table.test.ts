import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  indexKeys,
  LIST_LAYOUT,
  listKeyOf,
  MESSAGE_TABLE,
  SHARDS,
  STATUS_CLASS,
  shardOf,
  slotOf,
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

  it('leads every index key with the tenant, and prepares the rare status key of every class', () => {
    const record = {
      id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
      tenant: 'acme',
      recipient: '+14155550123',
      status: 'scheduled' as const,
      createdAt: '2026-03-01T12:00:00.050Z',
    };
    const shard = shardOf(record.id, SHARDS.status);
    expect(indexKeys(record, null)).toEqual({
      listKey: 'acme',
      timeShard: `acme#${shardOf(record.id, SHARDS.time)}`,
      recipientKey: 'acme#+14155550123',
      rareStatusShard: `acme#scheduled#${shard}`,
      [MESSAGE_TABLE.statusKeysAttribute]: {
        scheduled: `acme#scheduled#${shard}`,
        failed: `acme#failed#${shard}`,
      },
    });
    // The common statuses are in no class: the list index filters them.
    expect(indexKeys({ ...record, status: 'delivered' }, null)).not.toHaveProperty('rareStatusShard');
    expect(STATUS_CLASS.failed).toBe(STATUS_CLASS.canceled);
  });

  it('keys a message by its layout: one partition before the tenant is slotted, its slot from then on', () => {
    const since = '2026-03-01T12:00:00.000Z';
    expect(listKeyOf('acme', '2026-03-01T11:59:59.999Z', since)).toBe('acme');
    expect(listKeyOf('acme', '2026-03-01T12:00:00.000Z', null)).toBe('acme');
    const ms = Date.parse(since);
    expect(listKeyOf('acme', since, since)).toBe(`acme#${slotOf(ms)}`);
    // Each slot takes `slotMs` in turn and comes back after `slots` of them.
    expect(slotOf(ms + LIST_LAYOUT.slotMs)).toBe((slotOf(ms) + 1) % LIST_LAYOUT.slots);
    expect(slotOf(ms + LIST_LAYOUT.slotMs - 1)).toBe(slotOf(ms));
    expect(slotOf(ms + LIST_LAYOUT.slotMs * LIST_LAYOUT.slots)).toBe(slotOf(ms));
    // A second of a steady rate fills every slot alike (the hot-key figures rest on it).
    const counts = new Array<number>(LIST_LAYOUT.slots).fill(0);
    for (let t = 0; t < LIST_LAYOUT.slotMs * LIST_LAYOUT.slots * 10; t++)
      counts[slotOf(ms + t)] = (counts[slotOf(ms + t)] ?? 0) + 1;
    expect(new Set(counts)).toEqual(new Set([LIST_LAYOUT.slotMs * 10]));
  });
});
