import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import {
  AWS_CREDENTIAL_EXCEPTIONS,
  AWS_RETRYABLE_EXCEPTIONS,
  mapAwsError,
} from '../../../../lib/channels/aws/aws-errors.js';
import type { SendResult } from '../../../../lib/ports/provider.js';
import { rejected } from '../../../support/channels.js';

// The shared lists, as every AWS provider passes them (each adds its own exception names).
const SHARED = {
  permanent: new Set<string>(AWS_CREDENTIAL_EXCEPTIONS),
  retryable: new Set<string>(AWS_RETRYABLE_EXCEPTIONS),
};

describe('mapAwsError', () => {
  describe('maps credential, service, timeout and network failures', () => {
    // A service's error answer as an AWS SDK v3 client throws it (every client's ServiceException
    // is the same Smithy class; this one is SES's).
    const serviceError = (name: string, status: number, fault: 'client' | 'server', message: string) =>
      new SESv2ServiceException({ name, $fault: fault, message, $metadata: { httpStatusCode: status } });
    const cases: [string, unknown, SendResult][] = [
      [
        'AccessDeniedException',
        serviceError('AccessDeniedException', 403, 'client', 'not authorized to perform ses:SendEmail'),
        rejected('AccessDeniedException', 'not authorized to perform ses:SendEmail', false),
      ],
      [
        'UnrecognizedClientException',
        serviceError('UnrecognizedClientException', 403, 'client', 'The security token is invalid.'),
        rejected('UnrecognizedClientException', 'The security token is invalid.', false),
      ],
      [
        'InvalidSignatureException',
        serviceError('InvalidSignatureException', 403, 'client', 'Signature mismatch'),
        rejected('InvalidSignatureException', 'Signature mismatch', false),
      ],
      [
        'an unlisted 4xx exception',
        serviceError('SomeNewValidationException', 400, 'client', 'bad input'),
        rejected('SomeNewValidationException', 'bad input', false),
      ],
      [
        'another unlisted 4xx exception',
        serviceError('SomeNewException', 400, 'client', 'bad input'),
        rejected('SomeNewException', 'bad input', false),
      ],
      [
        'InternalFailure (500)',
        serviceError('InternalFailure', 500, 'server', 'Internal failure'),
        rejected('InternalFailure', 'Internal failure', true),
      ],
      [
        'ServiceUnavailable (503)',
        serviceError('ServiceUnavailable', 503, 'server', 'Service unavailable'),
        rejected('ServiceUnavailable', 'Service unavailable', true),
      ],
      [
        'any 5xx (502)',
        serviceError('UnknownError', 502, 'client', 'Bad gateway'),
        rejected('UnknownError', 'Bad gateway', true),
      ],
      [
        'any 5xx (503)',
        serviceError('UnknownError', 503, 'client', 'Service unavailable'),
        rejected('UnknownError', 'Service unavailable', true),
      ],
      [
        'a 429 throttling',
        serviceError('Throttling', 429, 'client', 'Rate exceeded'),
        rejected('Throttling', 'Rate exceeded', true),
      ],
      [
        'an SDK request timeout',
        Object.assign(new Error('request has exceeded the configured 4500 ms requestTimeout'), {
          name: 'TimeoutError',
        }),
        rejected('TimeoutError', 'request has exceeded the configured 4500 ms requestTimeout', true),
      ],
      [
        'an SDK request timeout carrying ETIMEDOUT (known by its name)',
        Object.assign(new Error('request has exceeded the configured requestTimeout'), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        }),
        rejected('TimeoutError', 'request has exceeded the configured requestTimeout', true),
      ],
      [
        'an abort',
        Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
        rejected('AbortError', 'Request aborted', true),
      ],
      [
        'a refused connection',
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
        rejected('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443', true),
      ],
      [
        'a reset connection',
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        rejected('ECONNRESET', 'socket hang up', true),
      ],
      [
        'a failed DNS lookup',
        Object.assign(new Error('getaddrinfo EAI_AGAIN sms-voice.eu-west-1.amazonaws.com'), {
          code: 'EAI_AGAIN',
        }),
        rejected('EAI_AGAIN', 'getaddrinfo EAI_AGAIN sms-voice.eu-west-1.amazonaws.com', true),
      ],
      ['an unexpected error', new Error('boom'), rejected('Error', 'boom', true)],
    ];
    it.each(cases)('%s', (_, error, expected) => {
      expect(mapAwsError(error, SHARED)).toEqual(expected);
    });
  });
});
