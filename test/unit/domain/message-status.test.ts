import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isFinal,
  MESSAGE_STATUSES,
  type MessageStatus,
} from '../../../lib/domain/message-status.js';

const ALLOWED = new Set([
  'pending->sent',
  'pending->failed',
  'pending->delivered',
  'pending->undelivered',
  'queued->sending',
  'queued->failed',
  'queued->canceled',
  'scheduled->queued',
  'scheduled->sending',
  'scheduled->canceled',
  'scheduled->failed',
  'sending->sending',
  'sending->queued',
  'sending->sent',
  'sending->failed',
  'sending->delivered',
  'sending->undelivered',
  'sent->delivered',
  'sent->undelivered',
]);
const pairs = MESSAGE_STATUSES.flatMap((from) =>
  MESSAGE_STATUSES.map((to): [MessageStatus, MessageStatus, boolean] => [
    from,
    to,
    ALLOWED.has(`${from}->${to}`),
  ]),
);

describe('canTransition', () => {
  it('knows the statuses of the contract', () => {
    expect([...MESSAGE_STATUSES].sort()).toEqual([
      'canceled',
      'delivered',
      'failed',
      'pending',
      'queued',
      'scheduled',
      'sending',
      'sent',
      'undelivered',
    ]);
  });

  it.each(pairs)('%s -> %s is allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(MESSAGE_STATUSES)('nothing goes back to pending, not even from %s', (from) => {
    expect(canTransition(from, 'pending')).toBe(false);
  });

  it.each(['failed', 'delivered', 'undelivered', 'canceled'] as const)(
    'nothing leaves the final status %s',
    (from) => {
      expect(isFinal(from)).toBe(true);
      for (const to of MESSAGE_STATUSES) expect(canTransition(from, to)).toBe(false);
    },
  );

  it('a receipt never moves a message back to sent', () => {
    expect(canTransition('delivered', 'sent')).toBe(false);
    expect(canTransition('undelivered', 'delivered')).toBe(false);
  });
});
