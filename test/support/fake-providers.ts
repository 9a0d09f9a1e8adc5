import { CHANNELS, type Channel } from '../../lib/domain/message.schema.js';
import type { MessageLog } from '../../lib/ports/message-log.js';
import type { OutboundMessage, Provider, ProviderRegistry, SendResult } from '../../lib/ports/provider.js';

/** Providers that record what they were given and answer with `answer` (default: accepted). */
export function recordingProviders(
  answer: (message: OutboundMessage) => Promise<SendResult> | SendResult = (message) => ({
    accepted: true,
    providerMessageId: `fake-${message.id}`,
  }),
) {
  const calls: OutboundMessage[] = [];
  const make = (channel: Channel): Provider => ({
    name: 'fake',
    channel,
    send: async (message) => {
      calls.push({ ...message });
      return answer(message);
    },
  });
  const providers = Object.fromEntries(CHANNELS.map((c) => [c, [make(c)]])) as unknown as ProviderRegistry;
  return { providers, calls };
}

/** A message log whose chosen methods throw, to stand for a store that is down. */
export function brokenLog(failing: Partial<Record<keyof MessageLog, Error>>, base?: MessageLog): MessageLog {
  const fail =
    (method: keyof MessageLog) =>
    async (...args: unknown[]): Promise<never> => {
      const error = failing[method];
      if (error) throw error;
      if (!base) throw new Error(`brokenLog: no base for ${method}`);
      return (base[method] as (...a: unknown[]) => Promise<never>).apply(base, args);
    };
  return {
    create: fail('create'),
    updateStatus: fail('updateStatus'),
    get: fail('get'),
    findByProviderMessageId: fail('findByProviderMessageId'),
    listEvents: fail('listEvents'),
    list: fail('list'),
    close: async () => base?.close(),
  };
}
