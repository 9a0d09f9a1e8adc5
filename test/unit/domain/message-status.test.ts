import { describe, expect, it } from 'vitest';
import { canTransition, MESSAGE_STATUSES, type MessageStatus } from '../../../lib/domain/message-status.js';

const ALLOWED = new Set(['pending->sent', 'pending->failed']);
const pairs = MESSAGE_STATUSES.flatMap((from) =>
  MESSAGE_STATUSES.map((to): [MessageStatus, MessageStatus, boolean] => [
    from,
    to,
    ALLOWED.has(`${from}->${to}`),
  ]),
);

describe('canTransition', () => {
  it('knows the statuses of the contract', () => {
    expect([...MESSAGE_STATUSES].sort()).toEqual(['failed', 'pending', 'sent']);
  });

  it.each(pairs)('%s -> %s is allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(MESSAGE_STATUSES)('nothing goes back to pending, not even from %s', (from) => {
    expect(canTransition(from, 'pending')).toBe(false);
  });

  it.each(['sent', 'failed'] as const)('nothing leaves the final status %s', (from) => {
    for (const to of MESSAGE_STATUSES) expect(canTransition(from, to)).toBe(false);
  });
});
