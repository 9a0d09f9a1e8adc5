import { CHANNELS, type Channel } from '../../lib/domain/message.schema.js';
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

/**
 * Providers (one per channel, all named `hanging`) whose send never answers: it only ends when the
 * caller's signal aborts it, as a vendor that went silent. `calls` records each call and whether
 * and when its signal was aborted.
 */
export function hangingProviders() {
  const calls: { message: OutboundMessage; startedAt: number; abortedAt?: number }[] = [];
  const make = (channel: Channel): Provider => ({
    name: 'hanging',
    channel,
    send: (message, { signal }) =>
      new Promise((_resolve, reject) => {
        const call: (typeof calls)[number] = { message: { ...message }, startedAt: Date.now() };
        calls.push(call);
        signal.addEventListener(
          'abort',
          () => {
            call.abortedAt = Date.now();
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  });
  const providers = Object.fromEntries(CHANNELS.map((c) => [c, [make(c)]])) as unknown as ProviderRegistry;
  return { providers, calls };
}
