// The cold-load part's functions: every function of the stack (test/unit/bench/cold-functions.test.ts
// fails when the stack has one that is not here, or gives one a table or queue this environment
// lacks), each with the environment the stack gives it and the one event its cold run answers.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const ROOT = resolve(import.meta.dirname, '..');

// Never contacted: a function that holds the SQS client builds it from this.
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/bench';
const WEBHOOK_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-webhooks';
// Every reader of the suppression list gets it: erased entries are kept under the keyed hash.
const PRIVACY_HASH_KEY = 'bench-privacy-hash-key-of-64-characters-0123456789abcdef01234567';

/** What every function's environment holds, as on Lambda (credentials, region) plus the auth tables. */
export const COMMON_ENV: Readonly<Record<string, string>> = {
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  // Authentication is required on Lambda: no function starts without both tables' names.
  KEYS_TABLE_NAME: 'bench-keys',
  RATE_COUNTER_TABLE_NAME: 'bench-rate-counters',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  LOG_LEVEL: 'silent',
  // The hosted console's origin, which the stack gives the API's functions (their answers carry CORS).
  CORS_ORIGIN: 'https://d111111abcdef8.cloudfront.net',
  NODE_OPTIONS: '',
  // The SDK warns once per process that Node 20 is old: not so on Lambda's Node 22, and the
  // warnings buried the report.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const read = <T extends object = APIGatewayProxyEvent>(name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'events', `${name}.json`), 'utf8')) as T;
/** An event source's batch of events/`name`.json, each record changed by `change`. */
const records = (name: string, change: (record: object) => object) => ({
  Records: read<{ Records: object[] }>(name).Records.map(change),
});
const tooLongId = { id: 'x'.repeat(80) }; // longer than any id: a 404 without a read
/** An API event with another JSON body. */
const withBody = (event: APIGatewayProxyEvent, method: string, body: unknown): APIGatewayProxyEvent => ({
  ...event,
  httpMethod: method,
  headers: { ...event.headers, 'content-type': 'application/json' },
  multiValueHeaders: { ...event.multiValueHeaders, 'content-type': ['application/json'] },
  body: JSON.stringify(body),
});

interface ColdFunction {
  entry: string;
  /** What its environment adds to COMMON_ENV, as the stack sets it (table names: any name). */
  env: Readonly<Record<string, string>>;
  /**
   * Its first event: answered without the network, but only once the function has built its
   * dependencies (every store and client it builds in production: they are built before any route
   * runs) and run as much of its first invocation's own code as the network allows. The API events
   * carry the authorizer's context (no limits: no rate counter is touched).
   */
  event: () => unknown;
}

export const COLD_FUNCTIONS = {
  'send-message': {
    entry: 'functions/send-message.ts',
    env: {
      TABLE_NAME: 'bench',
      METADATA_TABLE_NAME: 'bench-metadata',
      IDEMPOTENCY_TABLE_NAME: 'bench-idempotency',
      SUPPRESSIONS_TABLE_NAME: 'bench-suppressions',
      TEMPLATES_TABLE_NAME: 'bench-templates',
      QUEUE_URL,
      SCHEDULING_QUEUE_URL: QUEUE_URL,
      PRIVACY_HASH_KEY,
    },
    event: () => read('send-invalid'), // a 400 from the request's validation
  },
  'get-message': {
    entry: 'functions/get-message.ts',
    env: { TABLE_NAME: 'bench' },
    event: () => ({ ...read('get-message'), pathParameters: tooLongId }),
  },
  'list-messages': {
    entry: 'functions/list-messages.ts',
    env: { TABLE_NAME: 'bench', METADATA_TABLE_NAME: 'bench-metadata' },
    event: () => ({ ...read('list-messages'), queryStringParameters: { limit: '0' } }), // a 400
  },
  'list-message-events': {
    entry: 'functions/list-message-events.ts',
    env: { TABLE_NAME: 'bench' },
    event: () => ({ ...read('list-message-events'), pathParameters: tooLongId }),
  },
  'receive-receipt': {
    entry: 'functions/receive-receipt.ts',
    env: {
      TABLE_NAME: 'bench',
      SUPPRESSIONS_TABLE_NAME: 'bench-suppressions',
      PRIVACY_HASH_KEY,
      TWILIO_AUTH_TOKEN: 'bench-token',
    },
    // Signed with another token than the function's: a 403 from the signature check.
    event: () => read('twilio-status-callback'),
  },
  'deliver-messages': {
    entry: 'functions/deliver-messages.ts',
    env: { TABLE_NAME: 'bench', SUPPRESSIONS_TABLE_NAME: 'bench-suppressions', QUEUE_URL, PRIVACY_HASH_KEY },
    // A job that is not JSON: reported as a batch item failure, without a read.
    event: () => records('deliver-messages', (r) => ({ ...r, body: 'not json' })),
  },
  'schedule-messages': {
    entry: 'functions/schedule-messages.ts',
    env: {
      QUEUE_URL,
      SCHEDULE_GROUP: 'bench-schedules',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench-scheduler',
      QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:bench-delivery',
      DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:bench-dead-letters',
    },
    // A job that is not JSON: reported as a batch item failure, with the Scheduler client built.
    event: () => records('schedule-messages', (r) => ({ ...r, body: 'not json' })),
  },
  authorize: {
    entry: 'functions/authorize.ts',
    env: {},
    // A malformed key: refused ("Unauthorized") without a lookup.
    event: () => {
      const event = read<{ headers: Record<string, string> }>('authorize');
      return { ...event, headers: { ...event.headers, 'x-api-key': 'not-a-key' } };
    },
  },
  'manage-keys': {
    entry: 'functions/manage-keys.ts',
    // The message table too: a new key's rate may set its tenant's list layout.
    env: { TABLE_NAME: 'bench' },
    // A new key without a name: a 400 from the body's validation.
    event: () => withBody(read('list-keys'), 'POST', {}),
  },
  'get-stats': {
    entry: 'functions/get-stats.ts',
    env: { STATS_TABLE_NAME: 'bench-stats' },
    // The whole query parsed and checked, its range found too long: a 400 before the read.
    event: () => {
      const event = read('get-stats');
      return {
        ...event,
        queryStringParameters: { ...event.queryStringParameters, to: '2027-01-01T00:00:00Z' },
      };
    },
  },
  'count-stats': {
    entry: 'functions/count-stats.ts',
    env: { STATS_TABLE_NAME: 'bench-stats' },
    // As it is: a window's first invocation sums its records into the state and writes nothing.
    event: () => read('count-stats'),
  },
  'manage-suppressions': {
    entry: 'functions/manage-suppressions.ts',
    env: { SUPPRESSIONS_TABLE_NAME: 'bench-suppressions', PRIVACY_HASH_KEY },
    // The recipient and the body parsed, then an email address refused on SMS: a 400 before the write.
    event: () => withBody(read('put-suppression'), 'PUT', { channels: ['sms'], reason: 'complaint' }),
  },
  'manage-privacy': {
    entry: 'functions/manage-privacy.ts',
    env: {
      TABLE_NAME: 'bench',
      IDEMPOTENCY_TABLE_NAME: 'bench-idempotency',
      ERASURE_TABLE_NAME: 'bench-erasures',
      SUPPRESSIONS_TABLE_NAME: 'bench-suppressions',
      WEBHOOKS_TABLE_NAME: 'bench-webhooks',
      PRIVACY_HASH_KEY,
    },
    // A recipient that is neither an address nor a number: a 400 from the body's validation.
    event: () => withBody(read('create-erasure'), 'POST', { recipient: 'nobody' }),
  },
  'manage-webhooks': {
    entry: 'functions/manage-webhooks.ts',
    env: { WEBHOOKS_TABLE_NAME: 'bench-webhooks' },
    // An endpoint on a private address: the body parsed and the URL refused, a 400 before any read.
    event: () =>
      withBody(read('list-webhook-endpoints'), 'POST', {
        url: 'https://10.0.0.1/hooks',
        events: ['message.delivered'],
      }),
  },
  'manage-templates': {
    entry: 'functions/manage-templates.ts',
    env: { TEMPLATES_TABLE_NAME: 'bench-templates' },
    // The body parsed and its Mustache compiled, an unclosed section found: a 400 before the write.
    event: () => {
      const event = read('put-template');
      const body = JSON.parse(event.body ?? '{}') as Record<string, unknown>;
      return withBody(event, 'PUT', { ...body, sms: { text: 'Hello {{#name}}, welcome aboard.' } });
    },
  },
  'dispatch-webhooks': {
    entry: 'functions/dispatch-webhooks.ts',
    env: { WEBHOOKS_TABLE_NAME: 'bench-webhooks', WEBHOOK_QUEUE_URL },
    // A stream record that is no status change (a removal): nothing to fan out, no read.
    event: () => records('dispatch-webhooks', (r) => ({ ...r, eventName: 'REMOVE' })),
  },
  'deliver-webhooks': {
    entry: 'functions/deliver-webhooks.ts',
    env: { WEBHOOKS_TABLE_NAME: 'bench-webhooks', WEBHOOK_QUEUE_URL },
    // A delivery that is not JSON: reported as a batch item failure, without a read.
    event: () => records('deliver-webhooks', (r) => ({ ...r, body: 'not json' })),
  },
} as const satisfies Record<string, ColdFunction>;

export type ColdFunctionName = keyof typeof COLD_FUNCTIONS;
