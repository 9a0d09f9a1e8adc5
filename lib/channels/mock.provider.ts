import { randomUUID } from 'node:crypto';
import type { Channel, DeliveryError } from '../domain/message.schema.js';
import type { OutboundMessage, Provider, SendResult } from '../ports/provider.js';
import type { PlainProviderFactory } from './provider-factory.js';

// Amazon SES mailbox simulator addresses that the mock rejects for good.
const EMAIL_REJECTIONS: Readonly<Record<string, DeliveryError>> = {
  'bounce@simulator.amazonses.com': {
    code: 'Bounce',
    message: 'The recipient address bounced',
    retryable: false,
  },
  'suppressionlist@simulator.amazonses.com': {
    code: 'Suppressed',
    message: 'The recipient address is on the suppression list',
    retryable: false,
  },
};

// Twilio's magic test numbers, with the error codes Twilio answers for them.
const PHONE_REJECTIONS: Readonly<Record<string, DeliveryError>> = {
  '+15005550001': { code: '21211', message: "Invalid 'To' phone number", retryable: false },
  '+15005550002': { code: '21612', message: 'Cannot route a message to this number', retryable: false },
  '+15005550003': { code: '21408', message: 'No permission to send to this region', retryable: false },
  '+15005550004': { code: '21610', message: 'The recipient has blocked messages', retryable: false },
  '+15005550009': { code: '21614', message: 'The number cannot receive messages', retryable: false },
  '+15005550008': { code: '21611', message: 'The message queue is full', retryable: true },
};

/**
 * The default provider of every channel: deterministic outcomes following the SES mailbox simulator
 * and Twilio's test numbers, so that every path can be exercised without a real vendor.
 */
export class MockProvider implements Provider {
  readonly name = 'mock';

  constructor(readonly channel: Channel) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const rejection = (this.channel === 'email' ? EMAIL_REJECTIONS : PHONE_REJECTIONS)[message.recipient];
    return rejection
      ? { accepted: false, ...rejection }
      : { accepted: true, providerMessageId: `mock-${randomUUID()}` };
  }
}

/** The mock of `channel`, as the catalog builds it (no settings). */
export const mockProvider = (channel: Channel): PlainProviderFactory => ({
  name: 'mock',
  channel,
  create: () => new MockProvider(channel),
});
