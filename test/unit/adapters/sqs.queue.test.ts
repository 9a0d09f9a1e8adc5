import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeDeliveryJob } from '../../../lib/adapters/sqs/sqs.queue.js';
import { capturingLogger } from '../../support/receipts.js';

/** An SQS record as Lambda's event source mapping hands it over, reduced to what the decoder reads. */
const record = (body: string, receiveCount = 1): Pick<SQSRecord, 'messageId' | 'body' | 'attributes'> => ({
  messageId: 'sqs-1',
  body,
  attributes: {
    ApproximateReceiveCount: String(receiveCount),
    SentTimestamp: '1764237600000',
    SenderId: 'AIDAEXAMPLE',
    ApproximateFirstReceiveTimestamp: '1764237600100',
  },
});

describe('decodeDeliveryJob', () => {
  it('answers the job a record carries, and logs nothing', () => {
    const logs = capturingLogger();
    expect(decodeDeliveryJob(record('{"messageId":"m1","attempt":3}'), logs.logger)).toEqual({
      messageId: 'm1',
      attempt: 3,
    });
    expect(logs.lines()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"messageId":'],
    ['an array', '[]'],
    ['null', 'null'],
    ['an extra field', JSON.stringify({ messageId: 'm1', attempt: 1, priority: 'high' })],
    ['attempt 0', JSON.stringify({ messageId: 'm1', attempt: 0 })],
    ['a fractional attempt', JSON.stringify({ messageId: 'm1', attempt: 1.5 })],
    ['an empty message id', JSON.stringify({ messageId: '', attempt: 1 })],
    ['a message id over 64 characters', JSON.stringify({ messageId: 'm'.repeat(65), attempt: 1 })],
  ])('answers undefined for %s, logging the record as bound for the dead-letter queue', (_, body) => {
    const logs = capturingLogger();
    expect(decodeDeliveryJob(record(body, 4), logs.logger)).toBeUndefined();
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'unreadable delivery job; it will end in the dead-letter queue',
        sqsMessageId: 'sqs-1',
        receiveCount: 4,
      }),
    ]);
  });
});
