import { describe, expect, it } from 'vitest';
import { ReceiptSettingsError, readReceiptSettings } from '../../../lib/receipts/settings.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-events';

describe('readReceiptSettings', () => {
  it('leaves every webhook off when nothing is set (empty counts as unset)', () => {
    expect(readReceiptSettings({ PUBLIC_URL: '', TWILIO_AUTH_TOKEN: '' })).toEqual({
      publicUrl: undefined,
      twilioAuthToken: undefined,
      metaAppSecret: undefined,
      metaVerifyToken: undefined,
      sesTopicArns: undefined,
      inboundTenant: 'default',
    });
  });

  it('reads every setting, without the trailing slash of the public URL', () => {
    expect(
      readReceiptSettings({
        PUBLIC_URL: 'https://api.example.com/v1/',
        TWILIO_AUTH_TOKEN: 'token',
        META_APP_SECRET: 'secret',
        META_WEBHOOK_VERIFY_TOKEN: 'verify',
        SES_SNS_TOPIC_ARN: `${TOPIC}, ${TOPIC}-2`,
        TWILIO_INBOUND_TENANT: 'acme',
      }),
    ).toEqual({
      publicUrl: 'https://api.example.com/v1',
      twilioAuthToken: 'token',
      metaAppSecret: 'secret',
      metaVerifyToken: 'verify',
      sesTopicArns: [TOPIC, `${TOPIC}-2`],
      inboundTenant: 'acme',
    });
  });

  it('names each bad variable and never echoes a secret', () => {
    const error = (() => {
      try {
        readReceiptSettings({
          PUBLIC_URL: 'ftp://example.com',
          META_APP_SECRET: 'has a space-s3cr3t',
          SES_SNS_TOPIC_ARN: 'arn:aws:sqs:eu-west-1:123456789012:queue',
          TWILIO_INBOUND_TENANT: 'Acme#1',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReceiptSettingsError);
    const { problems, message } = error as ReceiptSettingsError;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PUBLIC_URL',
      'META_APP_SECRET',
      'TWILIO_INBOUND_TENANT',
      'SES_SNS_TOPIC_ARN',
    ]);
    expect(message).not.toContain('s3cr3t');
  });
});
