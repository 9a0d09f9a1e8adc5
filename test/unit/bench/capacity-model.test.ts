import { describe, expect, it } from 'vitest';
import type { CapacityRecord } from '../../../bench/capacity/meter.js';
import { hottest, type Step } from '../../../bench/capacity/model.js';

/** One write request charging `wcu` to `target` on `partitionKey`. */
const write = (target: string, partitionKey: string, wcu = 1): CapacityRecord => ({
  operation: 'UpdateItem',
  table: 'messages',
  rcu: 0,
  wcu,
  failed: false,
  charges: [{ target, action: 'put', partitionKey, wcu, rcu: 0 }],
});

describe("the capacity model's hot keys", () => {
  it("scales a shard by its family's units per message over the family's shards", () => {
    // Three messages of one tenant land unevenly on two of the time index's 12 shards.
    const steps: Step[] = ['a#0', 'a#1', 'a#0'].map((shard, message) => ({
      message,
      tenant: 'a',
      records: [write('messages/byTimeShard', shard)],
    }));
    const [hot] = hottest(steps, 12_000);
    expect(hot).toMatchObject({
      target: 'messages/byTimeShard',
      partitionKey: 'a#* (12 shards)',
      messages: 3,
      // 1 WCU a message, 12,000 messages/s, over 12 shards.
      wcuPerSecond: 1_000,
    });
  });

  it('gives a value one message used no rate, and adds up the tenants that share a value', () => {
    const steps: Step[] = [
      { message: 0, tenant: 'a', records: [write('messages', 'id-0', 3), write('shared', 'x')] },
      { message: 1, tenant: 'b', records: [write('messages', 'id-1', 3), write('shared', 'x', 2)] },
      { message: 2, tenant: 'b', records: [write('shared', 'x')] },
    ];
    const hot = hottest(steps, 100);
    expect(hot.find((h) => h.target === 'messages')).toMatchObject({
      messages: 1,
      wcuPerMessage: 3,
      wcuPerSecond: undefined,
    });
    // Tenant a: 1 WCU a message; tenant b: 3 WCU over 2 messages; each at 100 messages/s.
    expect(hot.find((h) => h.target === 'shared')).toMatchObject({ partitionKey: 'x', wcuPerSecond: 250 });
  });
});
