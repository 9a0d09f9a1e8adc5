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
  it("scales a slot by its family's units per message over the family's slots", () => {
    // Three messages of one slotted tenant land unevenly on two of the list index's 48 slots.
    const steps: Step[] = ['a#0', 'a#1', 'a#0'].map((slot, message) => ({
      message,
      tenant: 'a',
      records: [write('messages/byList', slot)],
    }));
    const [hot] = hottest(steps, 48_000);
    expect(hot).toMatchObject({
      target: 'messages/byList',
      partitionKey: 'a#* (48 shards)',
      messages: 3,
      // 1 WCU a message, 48,000 messages/s, over 48 slots.
      wcuPerSecond: 1_000,
    });
  });

  it("counts a tenant's one list partition whole, not as a slot", () => {
    const steps: Step[] = [0, 1, 2].map((message) => ({
      message,
      tenant: 'a',
      records: [write('messages/byList', 'a', 2)],
    }));
    expect(hottest(steps, 100)[0]).toMatchObject({ partitionKey: 'a', wcuPerSecond: 200 });
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
