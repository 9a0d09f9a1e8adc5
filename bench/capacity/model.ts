/**
 * The bench's capacity part: a modeled life of messages driven through the real services and DynamoDB
 * adapters against dynalite, every request metered (bench/capacity/meter.ts): what one message costs
 * in write units (every index included), what a list page costs in read units, and which partition
 * key values would be hottest at 10,000 messages a second, of one tenant and of 1,000 tenants.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import {
  DynamoDbKeyStore,
  DynamoDbRateLimiter,
  secondShards,
} from '../../lib/adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { createKeyTableInput, createRateCounterTableInput } from '../../lib/adapters/dynamodb/key-table.js';
import { createTableInput, LIST_LAYOUT, MESSAGE_TABLE } from '../../lib/adapters/dynamodb/message-table.js';
import { loadConfig } from '../../lib/config.js';
import { DEFAULT_TENANT } from '../../lib/domain/api-key.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { createContainer } from '../../lib/host/container.js';
import { createLogger } from '../../lib/logger.js';
import type { DelayedJob, DeliveryJob, MessageQueue } from '../../lib/ports/message-queue.js';
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

/** The hottest keys of one modeled load, scaled to MESSAGES_PER_SECOND in all. */
export interface HotLoad {
  name: string;
  tenants: number;
  hot: HotKey[];
}

/** What one list request read. */
export interface PageCost {
  items: number;
  rcu: number;
  wcu: number;
  requests: { operation: string; index?: string; rcu: number; keys?: number }[];
}

export interface CapacityReport {
  scenarios: Scenario[];
  listPage: PageCost;
  /**
   * `?status=` pages (no index holds the status: the records are fetched to check it): one whose
   * every fetched record matches, and one whose class holds more records than a page may fetch and
   * none that match (the bound).
   */
  statusPages: (PageCost & { name: string; query: Record<string, string> })[];
  /** One message's life in WCU: sync (send, receipt) and async, without and with the rate limiter. */
  life: { sync: number; async: number; rateLimiter: number };
  loads: HotLoad[];
}

/** The limits of the model's keys: high enough never to refuse. */
const LIMITS = { perSecond: 1_000_000, perDay: 1_000_000_000 };

/**
 * A sharded key value's family and how many values share its load evenly: a message's shard is a
 * hash of its random id (test/unit/adapters/dynamodb.message-table.test.ts), a counter's shard drawn
 * at random. A few modeled messages land unevenly on 12 or 32 shards; at 10,000 a second they do not,
 * so a shard's rate is its family's over the members.
 */
function familyOf(target: string, value: string): { family: string; members: number } {
  const indexes: Record<string, { shards: number }> = MESSAGE_TABLE.indexes;
  const index = target.split('/')[1];
  const shards = index ? indexes[index]?.shards : undefined;
  // A tenant's one list partition is a family of one (its name has no shard).
  if (shards && shards > 1 && /#\d+$/.test(value))
    return { family: value.replace(/#\d+$/, '#*'), members: shards };
  if (target === 'rateCounters' && /:s:\d+#\d+$/.test(value))
    return { family: value.replace(/#\d+$/, '#*'), members: secondShards(LIMITS.perSecond) };
  return { family: value, members: 1 };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** A page's cost from the records of its requests. */
const pageCost = (records: CapacityRecord[], items: number): PageCost => ({
  items,
  rcu: round(records.reduce((sum, record) => sum + record.rcu, 0)),
  wcu: round(records.reduce((sum, record) => sum + record.wcu, 0)),
  requests: records.map((record) => ({
    operation: record.operation,
    ...(record.index ? { index: record.index } : {}),
    rcu: record.rcu,
    ...(record.operation === 'BatchGetItem' ? { keys: record.charges.length } : {}),
  })),
});

/** How many messages of their own the bound's tenant sends: more than a page may fetch (100). */
const BOUND_MESSAGES = 150;

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
  async enqueueMany(jobs: readonly DelayedJob[]): Promise<undefined[]> {
    this.jobs.push(...jobs.map(({ job }) => job));
    return jobs.map(() => undefined);
  }
  async close(): Promise<void> {}
}

/** One step's records: the message they were for (none for a list page), and its tenant. */
export interface Step {
  message: number | undefined;
  tenant: string;
  records: CapacityRecord[];
}

/**
 * Per table and index, the partition key value with the most write units (then read units) over the
 * steps given, at `perTenant` messages a second of each tenant. A value several messages used (a
 * shard, a counter) has a rate: its units per message of each tenant that used it, times that
 * tenant's rate, over the members of its family. A value only one message used (its id, its
 * provider's id, a recipient of its own) has no rate to scale: its units are that one message's.
 */
export function hottest(steps: Step[], perTenant: number): HotKey[] {
  const messagesOf = new Map<string, Set<number>>();
  for (const step of steps) {
    const set = messagesOf.get(step.tenant) ?? new Set<number>();
    if (step.message !== undefined) set.add(step.message);
    messagesOf.set(step.tenant, set);
  }
  type Tally = {
    wcu: number;
    rcu: number;
    messages: Set<number>;
    byTenant: Map<string, { wcu: number; rcu: number }>;
  };
  const byTarget = new Map<string, Map<string, Tally>>();
  for (const { message, tenant, records } of steps) {
    for (const charge of records.flatMap((record) => record.charges)) {
      const keys = byTarget.get(charge.target) ?? new Map<string, Tally>();
      const name = charge.partitionKey ?? '(none)';
      const tally = keys.get(name) ?? { wcu: 0, rcu: 0, messages: new Set(), byTenant: new Map() };
      tally.wcu += charge.wcu;
      tally.rcu += charge.rcu;
      if (message !== undefined) tally.messages.add(message);
      const own = tally.byTenant.get(tenant) ?? { wcu: 0, rcu: 0 };
      own.wcu += charge.wcu;
      own.rcu += charge.rcu;
      tally.byTenant.set(tenant, own);
      keys.set(name, tally);
      byTarget.set(charge.target, keys);
    }
  }
  const hot: HotKey[] = [];
  for (const [target, keys] of byTarget) {
    // Families first: a shard's rate is its family's share.
    const families = new Map<string, { members: number; tally: Tally; values: string[] }>();
    for (const [value, tally] of keys) {
      const { family, members } = familyOf(target, value);
      const entry: { members: number; tally: Tally; values: string[] } = families.get(family) ?? {
        members,
        tally: { wcu: 0, rcu: 0, messages: new Set<number>(), byTenant: new Map() },
        values: [],
      };
      entry.values.push(value);
      entry.tally.wcu += tally.wcu;
      entry.tally.rcu += tally.rcu;
      for (const m of tally.messages) entry.tally.messages.add(m);
      for (const [tenant, units] of tally.byTenant) {
        const sum = entry.tally.byTenant.get(tenant) ?? { wcu: 0, rcu: 0 };
        sum.wcu += units.wcu;
        sum.rcu += units.rcu;
        entry.tally.byTenant.set(tenant, sum);
      }
      families.set(family, entry);
    }
    const rows = [...families].map(([family, { members, tally, values }]) => {
      const own = tally.messages.size <= 1;
      let wcuPerSecond = 0;
      let rcuPerSecond = 0;
      let messages = 0;
      for (const [tenant, units] of tally.byTenant) {
        const count = Math.max(1, messagesOf.get(tenant)?.size ?? 1);
        messages += count;
        wcuPerSecond += ((units.wcu / count) * perTenant) / members;
        rcuPerSecond += ((units.rcu / count) * perTenant) / members;
      }
      const per = own ? 1 : messages;
      return {
        target,
        partitionKey: members > 1 ? `${family} (${members} shards)` : (values[0] ?? family),
        messages: tally.messages.size,
        wcuPerMessage: round(tally.wcu / per / members, 3),
        rcuPerMessage: round(tally.rcu / per / members, 3),
        wcuPerSecond: own ? undefined : Math.round(wcuPerSecond),
        rcuPerSecond: own ? undefined : Math.round(rcuPerSecond),
      };
    });
    const top = rows.sort(
      (a, b) =>
        (b.wcuPerSecond ?? 0) - (a.wcuPerSecond ?? 0) ||
        (b.rcuPerSecond ?? 0) - (a.rcuPerSecond ?? 0) ||
        b.wcuPerMessage - a.wcuPerMessage,
    )[0];
    if (top) hot.push(top);
  }
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

  // The model's clock: the one tenant sends at MESSAGES_PER_SECOND, so that its messages fill the
  // list slots as they would (each takes `slotMs` in turn); it is slotted from the first one, as a
  // tenant whose keys allow that rate is. The 1,000 tenants, 10 messages a second each (keys of the
  // default 50), keep one list partition each.
  const modelStart = Date.parse('2026-06-01T12:00:00.000Z');
  let modelMs = modelStart;
  const clock = () => new Date(modelMs);
  const one = DEFAULT_TENANT;
  await new DynamoDbListLayouts(
    client,
    inputs.messages.TableName,
    () => new Date(modelStart - LIST_LAYOUT.noticeMs),
  ).declare(one, MESSAGES_PER_SECOND);
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
    clock,
    messageLog: new DynamoDbMessageLog(client, inputs.messages.TableName, undefined, undefined, { clock }),
    keys: new DynamoDbKeyStore(client, inputs.keys.TableName),
    rateLimiter,
    queue,
  });
  const { deliverMessage } = container;
  if (!deliverMessage) throw new Error('the model needs the worker');

  // One API key per tenant, its limits high enough never to refuse; one instant, so that every
  // request of the second lands on the same per-second counters, as it would at a steady rate.
  const now = new Date('2026-06-01T12:00:00.000Z');
  const limits = LIMITS;
  const step = async (run: () => Promise<unknown>): Promise<CapacityRecord[]> => {
    const from = meter.records.length;
    await run();
    return meter.records.slice(from);
  };
  const receipt = (record: MessageRecord) =>
    container.recordReceipt({
      provider: record.provider ?? 'mock',
      providerMessageId: record.providerMessageId ?? '',
      // As every provider's callback now carries it (Twilio's URL, SES's tag, Meta's callback data).
      messageId: record.id,
      status: 'delivered',
      detail: 'delivered',
    });

  try {
    // Each step's records, with the message they were for and its tenant.
    const taken: Record<string, Step[]> = {
      rate: [],
      sync: [],
      syncReceipt: [],
      async: [],
      asyncReceipt: [],
      list: [],
    };
    const push = (name: string, message: number | undefined, tenant: string, records: CapacityRecord[]) =>
      taken[name]?.push({ message, tenant, records });
    const keyOf = (tenant: string) => `bench-key-${tenant}`;

    const life = async (i: number, tenant: string, mode: 'sync' | 'async') => {
      modelMs += 1_000 / MESSAGES_PER_SECOND;
      push('rate', i, tenant, await step(() => rateLimiter.consume(keyOf(tenant), limits, now)));
      let sent: MessageRecord | undefined;
      if (mode === 'sync') {
        push(
          'sync',
          i,
          tenant,
          await step(async () => (sent = await container.sendMessage(body(i), { tenant }))),
        );
      } else {
        let queued: MessageRecord | undefined;
        const created = await step(
          async () => (queued = await container.sendMessage(body(i), { respondAsync: true, tenant })),
        );
        const job = queue.jobs.shift();
        if (!job || job.messageId !== queued?.id) throw new Error('the async send queued no job');
        push('async', i, tenant, [...created, ...(await step(() => deliverMessage(job)))]);
        // The model's own read (not counted in any step): the provider's id, for the receipt.
        sent = await container.getMessage(job.messageId, tenant);
      }
      if (!sent?.providerMessageId) throw new Error(`the ${mode} send was not accepted`);
      const delivered = sent;
      push(
        mode === 'sync' ? 'syncReceipt' : 'asyncReceipt',
        i,
        tenant,
        await step(async () => {
          const outcome = await receipt(delivered);
          if (outcome.outcome !== 'applied') throw new Error(`the receipt was ${outcome.outcome}`);
        }),
      );
      // A list page (its authorization included) every 10 messages of a tenant.
      if (i % 10 === 9) {
        push(
          'list',
          undefined,
          tenant,
          await step(async () => {
            await rateLimiter.consume(keyOf(tenant), limits, now, 'read');
            await container.listMessages({ limit: '20' }, tenant);
          }),
        );
      }
    };

    // One tenant: `messages` sync, then `messages` async.
    const mark = (name: string) => taken[name]?.length ?? 0;
    const start = Object.fromEntries(Object.keys(taken).map((name) => [name, 0]));
    for (let i = 0; i < messages; i++) await life(i, one, 'sync');
    for (let i = messages; i < 2 * messages; i++) await life(i, one, 'async');
    const single = Object.fromEntries(Object.keys(taken).map((name) => [name, mark(name)]));

    // A list page of 20, newest first, from the 2 × `messages` above, with its authorization.
    const page = await step(async () => {
      const decision = await rateLimiter.consume(keyOf(one), limits, now, 'read');
      if (!decision.allowed) throw new Error('the read was refused');
      await container.listMessages({ limit: '20' }, one);
    });

    // `?status=` pages. Every message of `one` is `delivered` by now: each record fetched matches.
    const statusPages: CapacityReport['statusPages'] = [];
    const statusPage = async (name: string, tenant: string, query: Record<string, string>) => {
      let items = 0;
      const records = await step(async () => {
        items = (await container.listMessages({ limit: '20', ...query }, tenant)).items.length;
      });
      statusPages.push({ name, query, ...pageCost(records, items) });
    };
    // A common status: a residual filter on the list index, every message read matches.
    await statusPage('every message read matches', one, { status: 'delivered' });
    // A rare status no message has: the sparse index's 32 shards of the class, each empty.
    await statusPage('a rare status no message has', one, { status: 'failed' });
    // A tenant of BOUND_MESSAGES `sent` messages and no `pending` one: the list index's residual filter
    // reads its one partition through (250 items a Query) and answers none.
    for (let i = 0; i < BOUND_MESSAGES; i++) await container.sendMessage(body(i), { tenant: 'bound' });
    await statusPage(`none of ${BOUND_MESSAGES} messages matches`, 'bound', { status: 'pending' });

    // 1,000 tenants sharing the rate, sampled by 10 of them (a tenant's keys all lead with it).
    const SAMPLE = 10;
    for (let i = 0; i < 2 * messages; i++) {
      await life(2 * messages + i, `t${i % SAMPLE}`, i < messages ? 'sync' : 'async');
    }

    const slice = (name: string, from: Record<string, number>, to?: Record<string, number>) =>
      (taken[name] ?? []).slice(from[name] ?? 0, to?.[name]);
    const records = (name: string) => slice(name, start, single).flatMap((s) => s.records);
    const scenarios = [
      perMessage('sync send (logged pending, then sent)', records('sync'), messages),
      perMessage("rate limiter (the key's counters)", records('rate'), 2 * messages),
      perMessage('async send (queued, claimed sending, sent)', records('async'), messages),
      perMessage('receipt after a sync send (sent -> delivered)', records('syncReceipt'), messages),
      perMessage('receipt after an async send (sent -> delivered)', records('asyncReceipt'), messages),
    ];
    const wcuOf = (name: string) => scenarios.find((s) => s.name.startsWith(name))?.wcu ?? 0;

    // The hot keys of each load: every message's life (rate limit, send, receipt) and the list pages.
    const loadSteps = (
      from: Record<string, number>,
      to: Record<string, number> | undefined,
      mode: 'sync' | 'async',
    ) => {
      const flow = mode === 'sync' ? ['sync', 'syncReceipt'] : ['async', 'asyncReceipt'];
      const mine = new Set(
        flow.flatMap((name) => slice(name, from, to).map((s) => `${s.tenant}:${s.message}`)),
      );
      return [
        ...slice('rate', from, to).filter((s) => mine.has(`${s.tenant}:${s.message}`)),
        ...flow.flatMap((name) => slice(name, from, to)),
        ...slice('list', from, to),
      ];
    };
    const loads: HotLoad[] = [];
    for (const mode of ['sync', 'async'] as const) {
      loads.push({
        name: `one tenant, ${mode}`,
        tenants: 1,
        hot: hottest(loadSteps(start, single, mode), MESSAGES_PER_SECOND),
      });
      loads.push({
        name: `1,000 tenants, ${mode}`,
        tenants: 1_000,
        hot: hottest(loadSteps(single, undefined, mode), MESSAGES_PER_SECOND / 1_000),
      });
    }
    return {
      scenarios,
      life: {
        sync: round(wcuOf('sync send') + wcuOf('receipt after a sync')),
        async: round(wcuOf('async send') + wcuOf('receipt after an async')),
        rateLimiter: wcuOf('rate limiter'),
      },
      listPage: pageCost(page, 20),
      statusPages,
      loads,
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
  const clip = (key: string) => `\`${key.length > 40 ? `${key.slice(0, 37)}...` : key}\``;
  const { life } = report;
  return [
    '## DynamoDB capacity per message (metered on dynalite)',
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
    `A message's whole life (send, sent, delivered, every index): sync ${life.sync} WCU, async ${life.async} WCU; the rate limiter ${life.rateLimiter} WCU per send.`,
    '',
    `List page of ${report.listPage.items} (with its authorization): ${report.listPage.rcu} RCU, ${report.listPage.wcu} WCU (${report.listPage.requests.length} requests: ${[
      ...new Set(report.listPage.requests.map((r) => `${r.operation}${r.index ? ` on ${r.index}` : ''}`)),
    ].join(', ')}).`,
    '',
    ...report.statusPages.flatMap((p) => {
      const fetched = p.requests.reduce((n, r) => n + (r.keys ?? 0), 0);
      const queries = p.requests.filter((r) => r.operation === 'Query').length;
      return [
        `Status-filtered page (\`${new URLSearchParams(p.query)}\`, limit 20), ${p.name}: ${p.rcu} RCU, ${p.wcu} WCU; ${p.items} items; ${queries} Queries (${round(queries * 0.5)} RCU if each under 4 KB), ${fetched} records fetched.`,
        '',
      ];
    }),
    `Hottest partition key per table and index at ${MESSAGES_PER_SECOND.toLocaleString('en-US')} messages/s in all, each message's life (rate limit, send, receipt) plus a list page per 10 messages (a partition takes ${PARTITION_LIMIT.wcu} WCU/s, ${PARTITION_LIMIT.rcu} RCU/s):`,
    '',
    ...table(
      [
        'load',
        'table/index',
        'hottest key',
        'messages on it',
        'WCU/msg',
        'RCU/msg',
        'WCU/s',
        'RCU/s',
        '× partition limit',
      ],
      report.loads.flatMap((load) =>
        load.hot.map((h) => [
          load.name,
          h.target,
          clip(h.partitionKey),
          h.messages === 1 ? "1 (the message's own)" : h.messages,
          h.wcuPerMessage,
          h.rcuPerMessage,
          h.wcuPerSecond ?? '-',
          h.rcuPerSecond ?? '-',
          h.wcuPerSecond === undefined ? '-' : round(hotRatio(h), 2),
        ]),
      ),
    ),
  ];
}

/** How close a key comes to a partition's limits (1 = at the limit). */
export const hotRatio = (h: HotKey) =>
  Math.max((h.wcuPerSecond ?? 0) / PARTITION_LIMIT.wcu, (h.rcuPerSecond ?? 0) / PARTITION_LIMIT.rcu);
