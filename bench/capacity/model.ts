/**
 * The bench's capacity part: a modeled life of messages driven through the real services and DynamoDB
 * adapters against dynalite, every request metered (bench/capacity/meter.ts). Report-only: what one
 * message costs in write units (every index included), what a list page costs in read units, and which
 * partition key values would be hottest at 10,000 messages a second of one tenant.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbKeyStore, DynamoDbRateLimiter } from '../../lib/adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { createKeyTableInput, createRateCounterTableInput } from '../../lib/adapters/dynamodb/key-table.js';
import { createTableInput } from '../../lib/adapters/dynamodb/message-table.js';
import { loadConfig } from '../../lib/config.js';
import { DEFAULT_TENANT } from '../../lib/domain/api-key.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { createContainer } from '../../lib/host/container.js';
import { createLogger } from '../../lib/logger.js';
import type { DeliveryJob, MessageQueue } from '../../lib/ports/message-queue.js';
import { CapacityMeter, type CapacityRecord } from './meter.js';
import { shapeOf } from './tables.js';

/** The rate at which the hot keys are scaled: one tenant, one API key. */
export const MESSAGES_PER_SECOND = 10_000;
/** DynamoDB's documented ceiling for one partition (table or index): per second. */
export const PARTITION_LIMIT = { wcu: 1_000, rcu: 3_000 };

export interface Scenario {
  name: string;
  messages: number;
  /** Per message. */
  wcu: number;
  rcu: number;
  /** Per message, per table and index. */
  wcuByTarget: Record<string, number>;
}

export interface HotKey {
  target: string;
  partitionKey: string;
  /** How many of the modeled messages used this value. */
  messages: number;
  /**
   * Per message of the modeled life (rate limit, sync send, receipt), and at MESSAGES_PER_SECOND;
   * for a value of one message only, that message's units and no rate.
   */
  wcuPerMessage: number;
  rcuPerMessage: number;
  wcuPerSecond: number | undefined;
  rcuPerSecond: number | undefined;
}

export interface CapacityReport {
  scenarios: Scenario[];
  listPage: { items: number; rcu: number; requests: { operation: string; index?: string; rcu: number }[] };
  hot: HotKey[];
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The send requests of the model: the three channels in turn, each message to its own recipient. */
function body(i: number) {
  const n = String(i % 100).padStart(2, '0');
  switch (i % 3) {
    case 0:
      return { type: 'email', recipient: `user${i}@example.com`, content: 'Hello, this is a test message.' };
    case 1:
      return { type: 'sms', recipient: `+141555501${n}`, content: 'Your code is 123456' };
    default:
      return { type: 'whatsapp', recipient: `+4479111234${n}`, content: 'Your order has shipped.' };
  }
}

/** A queue that keeps its jobs, for the model to hand to the worker itself. */
class ListQueue implements MessageQueue {
  readonly jobs: DeliveryJob[] = [];
  async enqueue(job: DeliveryJob): Promise<void> {
    this.jobs.push(job);
  }
  async close(): Promise<void> {}
}

/**
 * Per table and index, the partition key value with the most write units (then read units) over the
 * steps given. A value used by every message (or a share of them: a status, a type, the time index's
 * constant) is scaled to MESSAGES_PER_SECOND by its units per message; a value only one message used
 * (its id, its provider's id, a recipient of its own) has no rate to scale: its units are that one
 * message's, over its life.
 */
function hottest(steps: { message: number; records: CapacityRecord[] }[], messages: number): HotKey[] {
  const byTarget = new Map<string, Map<string, { wcu: number; rcu: number; messages: Set<number> }>>();
  for (const { message, records } of steps) {
    for (const charge of records.flatMap((record) => record.charges)) {
      const keys = byTarget.get(charge.target) ?? new Map();
      const name = charge.partitionKey ?? '(none)';
      const tally = keys.get(name) ?? { wcu: 0, rcu: 0, messages: new Set<number>() };
      tally.wcu += charge.wcu;
      tally.rcu += charge.rcu;
      tally.messages.add(message);
      keys.set(name, tally);
      byTarget.set(charge.target, keys);
    }
  }
  const hot = [...byTarget].map(([target, keys]) => {
    const [partitionKey, tally] = [...keys].sort(([, a], [, b]) => b.wcu - a.wcu || b.rcu - a.rcu)[0] as [
      string,
      { wcu: number; rcu: number; messages: Set<number> },
    ];
    const own = tally.messages.size === 1;
    const per = own ? 1 : messages;
    return {
      target,
      partitionKey,
      messages: tally.messages.size,
      wcuPerMessage: round(tally.wcu / per, 3),
      rcuPerMessage: round(tally.rcu / per, 3),
      wcuPerSecond: own ? undefined : Math.round((tally.wcu / messages) * MESSAGES_PER_SECOND),
      rcuPerSecond: own ? undefined : Math.round((tally.rcu / messages) * MESSAGES_PER_SECOND),
    };
  });
  return hot.sort(
    (a, b) => (b.wcuPerSecond ?? 0) - (a.wcuPerSecond ?? 0) || b.wcuPerMessage - a.wcuPerMessage,
  );
}

/** Units per message of the requests a step sent, per table and index. */
function perMessage(name: string, records: CapacityRecord[], messages: number): Scenario {
  const wcuByTarget: Record<string, number> = {};
  let wcu = 0;
  let rcu = 0;
  for (const record of records) {
    wcu += record.wcu;
    rcu += record.rcu;
    for (const charge of record.charges) {
      if (charge.wcu) wcuByTarget[charge.target] = (wcuByTarget[charge.target] ?? 0) + charge.wcu / messages;
    }
  }
  for (const target of Object.keys(wcuByTarget)) wcuByTarget[target] = round(wcuByTarget[target] ?? 0);
  return { name, messages, wcu: round(wcu / messages), rcu: round(rcu / messages), wcuByTarget };
}

export async function measureCapacity(options: { messages?: number } = {}): Promise<CapacityReport> {
  const messages = options.messages ?? 30;
  // The SDK wants credentials and a region even for a local server; these reach only loopback.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_REGION ??= 'us-east-1';
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createDocumentClient({ endpoint });
  const inputs = {
    messages: createTableInput('bench-messages'),
    keys: createKeyTableInput('bench-keys'),
    rateCounters: createRateCounterTableInput('bench-rate-counters'),
  };
  for (const input of Object.values(inputs)) await client.send(new CreateTableCommand(input));
  const meter = new CapacityMeter({
    endpoint,
    tables: Object.fromEntries(
      Object.entries(inputs).map(([label, input]) => [input.TableName, shapeOf(label, input)]),
    ),
  });
  meter.attach(client);

  const queue = new ListQueue();
  const rateLimiter = new DynamoDbRateLimiter(client, inputs.rateCounters.TableName);
  const config = await loadConfig({
    LOG_STORE: 'dynamodb',
    TABLE_NAME: inputs.messages.TableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'silent',
  });
  const container = createContainer(config, {
    logger: createLogger({ level: 'silent' }),
    messageLog: new DynamoDbMessageLog(client, inputs.messages.TableName),
    keys: new DynamoDbKeyStore(client, inputs.keys.TableName),
    rateLimiter,
    queue,
  });
  const { deliverMessage } = container;
  if (!deliverMessage) throw new Error('the model needs the worker');

  // One API key, its limits high enough never to refuse; one instant, so that every request of the
  // second lands on the same per-second counter, as it would at a steady rate.
  const now = new Date('2026-06-01T12:00:00.000Z');
  const limits = { perSecond: 1_000_000, perDay: 1_000_000_000 };
  const step = async (run: () => Promise<unknown>): Promise<CapacityRecord[]> => {
    const from = meter.records.length;
    await run();
    return meter.records.slice(from);
  };
  const receipt = (record: MessageRecord) =>
    container.recordReceipt({
      provider: record.provider ?? 'mock',
      providerMessageId: record.providerMessageId ?? '',
      status: 'delivered',
      detail: 'delivered',
    });

  try {
    // Each step's records, with the message they were for.
    const taken: Record<string, { message: number; records: CapacityRecord[] }[]> = {
      rate: [],
      sync: [],
      syncReceipt: [],
      async: [],
      asyncReceipt: [],
    };
    const push = (name: string, message: number, records: CapacityRecord[]) =>
      taken[name]?.push({ message, records });
    for (let i = 0; i < messages; i++) {
      push('rate', i, await step(() => rateLimiter.consume('bench-key', limits, now)));
      let sent: MessageRecord | undefined;
      push('sync', i, await step(async () => (sent = await container.sendMessage(body(i)))));
      if (!sent?.providerMessageId) throw new Error('the sync send was not accepted');
      const delivered = sent;
      push(
        'syncReceipt',
        i,
        await step(async () => {
          const outcome = await receipt(delivered);
          if (outcome.outcome !== 'applied') throw new Error(`the receipt was ${outcome.outcome}`);
        }),
      );
    }
    for (let i = 0; i < messages; i++) {
      let queued: MessageRecord | undefined;
      const created = await step(
        async () => (queued = await container.sendMessage(body(i), { respondAsync: true })),
      );
      const job = queue.jobs.shift();
      if (!job || job.messageId !== queued?.id) throw new Error('the async send queued no job');
      push('async', messages + i, [...created, ...(await step(() => deliverMessage(job)))]);
      // The model's own read (not counted in any step): the provider's id, for the receipt.
      const record = await container.getMessage(job.messageId, DEFAULT_TENANT);
      push('asyncReceipt', messages + i, await step(() => receipt(record)));
    }

    // A list page of 20, newest first, from the 2 × `messages` above.
    const page = await step(() => container.listMessages({ limit: '20' }, DEFAULT_TENANT));

    const records = (name: string) => (taken[name] ?? []).flatMap((step) => step.records);
    const scenarios = [
      perMessage('sync send (logged pending, then sent)', records('sync'), messages),
      perMessage("rate limiter (the key's two counters)", records('rate'), messages),
      perMessage('async send (queued, claimed sending, sent)', records('async'), messages),
      perMessage('receipt after a sync send (sent -> delivered)', records('syncReceipt'), messages),
      perMessage('receipt after an async send (sent -> delivered)', records('asyncReceipt'), messages),
    ];

    // The hot keys of one message's modeled life: rate limit, sync send, receipt.
    const life = ['rate', 'sync', 'syncReceipt'].flatMap((name) => taken[name] ?? []);
    const hot = hottest(life, messages);
    return {
      scenarios,
      listPage: {
        items: 20,
        rcu: page.reduce((sum, record) => sum + record.rcu, 0),
        requests: page.map((record) => ({
          operation: record.operation,
          ...(record.index ? { index: record.index } : {}),
          rcu: record.rcu,
        })),
      },
      hot,
    };
  } finally {
    await container.close();
    await meter.close();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

/** The report's markdown lines. */
export function capacitySection(report: CapacityReport): string[] {
  const targets = [...new Set(report.scenarios.flatMap((s) => Object.keys(s.wcuByTarget)))];
  const short = (target: string) => (target === 'messages' ? 'table' : target.replace(/^messages\//, ''));
  const table = (header: string[], rows: (string | number)[][]) => [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
  return [
    '## DynamoDB capacity per message (metered on dynalite, report-only)',
    '',
    ...table(
      ['step', 'n', 'WCU/msg', 'RCU/msg', ...targets.map(short)],
      report.scenarios.map((s) => [
        s.name,
        s.messages,
        s.wcu,
        s.rcu,
        ...targets.map((t) => s.wcuByTarget[t] ?? 0),
      ]),
    ),
    `List page of ${report.listPage.items}: ${report.listPage.rcu} RCU (${report.listPage.requests
      .map((r) => `${r.operation}${r.index ? ` on ${r.index}` : ''} ${r.rcu}`)
      .join(', ')}).`,
    '',
    `Hottest partition key per table and index, one message's life (rate limit, sync send, receipt) at ${MESSAGES_PER_SECOND.toLocaleString('en-US')} messages/s of one tenant (a partition takes ${PARTITION_LIMIT.wcu} WCU/s, ${PARTITION_LIMIT.rcu} RCU/s):`,
    '',
    ...table(
      [
        'table/index',
        'hottest key',
        'messages on it',
        'WCU/msg',
        'RCU/msg',
        'WCU/s',
        'RCU/s',
        '× partition limit',
      ],
      report.hot.map((h) => [
        h.target,
        `\`${h.partitionKey.length > 40 ? `${h.partitionKey.slice(0, 37)}...` : h.partitionKey}\``,
        h.messages === 1 ? "1 (the message's own)" : h.messages,
        h.wcuPerMessage,
        h.rcuPerMessage,
        h.wcuPerSecond ?? '-',
        h.rcuPerSecond ?? '-',
        h.wcuPerSecond === undefined
          ? '-'
          : round(
              Math.max(h.wcuPerSecond / PARTITION_LIMIT.wcu, (h.rcuPerSecond ?? 0) / PARTITION_LIMIT.rcu),
              1,
            ),
      ]),
    ),
  ];
}
