import * as z from 'zod';

/**
 * Statuses of a message. `pending`: logged, not yet handed to a provider; `sent`/`failed`: the
 * provider's answer. Later steps add `queued`, `sending`, `delivered`, `undelivered` here.
 */
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed'] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

// The one place that says how a message may move; stores enforce it with conditional writes.
const NEXT: Record<MessageStatus, readonly MessageStatus[]> = {
  pending: ['sent', 'failed'],
  sent: [],
  failed: [],
};

export const canTransition = (from: MessageStatus, to: MessageStatus): boolean => NEXT[from].includes(to);
