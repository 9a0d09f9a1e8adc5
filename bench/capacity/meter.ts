/**
 * A capacity meter for tests and the bench: wraps a DynamoDB client with a middleware that sees every
 * request the adapters send, and counts the capacity units DynamoDB would charge for it by its
 * documented rules (bench/capacity/item-size.ts), including every global secondary index write, and
 * which partition key value each unit lands on.
 *
 * To know what a write changed, the meter reads the item (consistently, through a client of its own
 * that it does not meter) before and after the write; a Query or Scan is run again without its filter
 * and projection, since DynamoDB charges for what it read, not what it returned. That doubles the
 * traffic: fine against dynalite, not a thing to run against a real table under load. Requests must
 * not run concurrently on the same items, or the before and after images mix writes.
 */
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { type Consistency, type Item, itemSize, readUnits, writeUnits } from './item-size.js';
import { type IndexShape, shapeOf, type TableShape } from './tables.js';

export type { IndexShape, TableShape } from './tables.js';

export type Action =
  /** The table's own write (put, update or delete of the item). */
  | 'write'
  /** A write whose condition failed: charged all the same, on the table only. */
  | 'failed'
  /** An index entry created, removed, or changed in place (a projected attribute changed). */
  | 'put'
  | 'delete'
  | 'update'
  | 'read';

/** Units one request charged to one table or index, on one partition key value. */
export interface Charge {
  /** The table's label, or `label/index`. */
  target: string;
  action: Action;
  /** The partition key value the units land on (rendered as text); undefined when a read found nothing. */
  partitionKey: string | undefined;
  wcu: number;
  rcu: number;
}

export interface CapacityRecord {
  /** The DynamoDB operation: PutItem, UpdateItem, Query, BatchGetItem... */
  operation: string;
  /** The table's label (the first table, for a batch or a transaction). */
  table: string;
  /** The index queried, for a Query or Scan on an index. */
  index?: string | undefined;
  rcu: number;
  wcu: number;
  /** Whether the request failed (a failed condition is still charged). */
  failed: boolean;
  charges: Charge[];
}

export interface Tally {
  requests: number;
  rcu: number;
  wcu: number;
}

// ---------------------------------------------------------------------------------------------
// The rules, as pure functions (unit-tested against the developer guide's examples)

const render = (value: AttributeValue | undefined): string | undefined => {
  if (!value) return undefined;
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return value.N;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  return JSON.stringify(value);
};

const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

/** An item's entry in an index: undefined when the item lacks one of the index's key attributes. */
export function indexEntry(table: TableShape, index: IndexShape, item: Item | undefined): Item | undefined {
  if (!item) return undefined;
  const keys = [index.partitionKey, index.sortKey].filter((name): name is string => name !== undefined);
  if (keys.some((name) => item[name] === undefined)) return undefined;
  if (index.projection === 'ALL') return item;
  const names = new Set([
    ...keys,
    table.partitionKey,
    ...(table.sortKey ? [table.sortKey] : []),
    ...(index.projection === 'INCLUDE' ? index.attributes : []),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

const sameEntry = (a: Item, b: Item): boolean => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => sameValue(a[name], b[name]));
};

/**
 * The charges of one successful write, from the item before and after it (undefined: absent). The
 * table: the larger of the two images, per 1 KB. Each index: a put when the item enters it, a delete
 * when it leaves, a delete and a put when its key changes, an update when only a projected attribute
 * changes, nothing otherwise; each sized by the index entry. All doubled in a transaction.
 */
export function writeCharges(
  table: TableShape,
  before: Item | undefined,
  after: Item | undefined,
  options: { transactional?: boolean } = {},
): Charge[] {
  const transactional = options.transactional ?? false;
  const key = (after ?? before)?.[table.partitionKey];
  const charges: Charge[] = [
    {
      target: table.label,
      action: 'write',
      partitionKey: render(key),
      wcu: writeUnits(Math.max(itemSize(before), itemSize(after)), transactional),
      rcu: 0,
    },
  ];
  for (const index of table.indexes) {
    const target = `${table.label}/${index.name}`;
    const old = indexEntry(table, index, before);
    const now = indexEntry(table, index, after);
    const charge = (action: Action, entry: Item, bytes = itemSize(entry)) =>
      charges.push({
        target,
        action,
        partitionKey: render(entry[index.partitionKey]),
        wcu: writeUnits(bytes, transactional),
        rcu: 0,
      });
    if (!old && now) charge('put', now);
    else if (old && !now) charge('delete', old);
    else if (old && now) {
      const keyChanged = [index.partitionKey, index.sortKey].some(
        (name) => name !== undefined && !sameValue(old[name], now[name]),
      );
      if (keyChanged) {
        charge('delete', old);
        charge('put', now);
      } else if (!sameEntry(old, now)) {
        charge('update', now, Math.max(itemSize(old), itemSize(now)));
      }
    }
  }
  return charges;
}

/**
 * A write whose condition failed: the table only, by the existing item's size (1 unit when there is
 * none), as the guide says a failed conditional write still consumes write capacity.
 */
export function failedWriteCharges(
  table: TableShape,
  key: Item,
  existing: Item | undefined,
  options: { transactional?: boolean } = {},
): Charge[] {
  return [
    {
      target: table.label,
      action: 'failed',
      partitionKey: render(key[table.partitionKey]),
      wcu: writeUnits(itemSize(existing), options.transactional ?? false),
      rcu: 0,
    },
  ];
}

/** The value a key condition gives `name` (`#pk = :pk`), if it says `name = value`. */
function conditionValue(input: Input, name: string): AttributeValue | undefined {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  for (const match of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const [, left = '', right = ''] = match;
    if ((names[left] ?? left) === name) return values[right];
  }
  return undefined;
}

/** One read request of several items (Query, Scan): their sizes summed, then rounded up per 4 KB once. */
export const queryUnits = (items: readonly Item[], consistency: Consistency): number =>
  readUnits(
    items.reduce((sum, item) => sum + itemSize(item), 0),
    consistency,
  );

/** Item by item (GetItem, BatchGetItem, TransactGetItems): each rounded up per 4 KB on its own. */
export const itemReadUnits = (items: readonly (Item | undefined)[], consistency: Consistency): number =>
  items.reduce((sum, item) => sum + readUnits(itemSize(item), consistency), 0);

// ---------------------------------------------------------------------------------------------
// The meter

type Input = Record<string, unknown>;
interface Stack {
  add(middleware: unknown, options: { step: 'build'; name: string; override?: boolean }): void;
}

/** The `#name` and `:value` tokens an expression uses. */
const tokens = (expressions: (string | undefined)[]) =>
  new Set(expressions.flatMap((expression) => expression?.match(/[#:][A-Za-z0-9_]+/g) ?? []));

const pick = <T>(map: Record<string, T> | undefined, used: Set<string>) => {
  const kept = Object.entries(map ?? {}).filter(([name]) => used.has(name));
  return kept.length ? Object.fromEntries(kept) : undefined;
};

export class CapacityMeter {
  readonly records: CapacityRecord[] = [];
  private readonly reader: DynamoDBClient;
  private readonly shapes = new Map<string, Promise<TableShape>>();

  /**
   * `endpoint`: where the meter's own reads go (the metered client's endpoint). `tables`: each table's
   * shape by its name; a table not listed is described (DescribeTable) on first use.
   */
  constructor(options: { endpoint: string; region?: string; tables?: Record<string, TableShape> }) {
    this.reader = new DynamoDBClient({ endpoint: options.endpoint, region: options.region ?? 'us-east-1' });
    for (const [name, shape] of Object.entries(options.tables ?? {}))
      this.shapes.set(name, Promise.resolve(shape));
  }

  /** Meters every request `client` sends (a DynamoDBClient, or a DocumentClient: they share one stack). */
  attach(client: { middlewareStack: unknown }): void {
    (client.middlewareStack as Stack).add(
      // After the DocumentClient's marshalling (serialize step): the input is in the low-level form.
      (next: (args: { input: Input }) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: { input: Input }) =>
          this.meter(context.commandName?.replace(/Command$/, '') ?? 'unknown', args.input, () => next(args)),
      { step: 'build', name: 'capacityMeter', override: true },
    );
  }

  reset(): void {
    this.records.length = 0;
  }

  async close(): Promise<void> {
    this.reader.destroy();
  }

  /** Totals per table and per index (`label/index`). */
  totals(records: readonly CapacityRecord[] = this.records): Map<string, Tally> {
    const out = new Map<string, Tally>();
    for (const record of records) {
      for (const charge of record.charges) {
        const tally = out.get(charge.target) ?? { requests: 0, rcu: 0, wcu: 0 };
        tally.requests++;
        tally.rcu += charge.rcu;
        tally.wcu += charge.wcu;
        out.set(charge.target, tally);
      }
    }
    return out;
  }

  /** Per table and index, per partition key value: how many charges, and their units. */
  byPartitionKey(records: readonly CapacityRecord[] = this.records): Map<string, Map<string, Tally>> {
    const out = new Map<string, Map<string, Tally>>();
    for (const record of records) {
      for (const charge of record.charges) {
        const keys = out.get(charge.target) ?? new Map<string, Tally>();
        const name = charge.partitionKey ?? '(none)';
        const tally = keys.get(name) ?? { requests: 0, rcu: 0, wcu: 0 };
        tally.requests++;
        tally.rcu += charge.rcu;
        tally.wcu += charge.wcu;
        keys.set(name, tally);
        out.set(charge.target, keys);
      }
    }
    return out;
  }

  /** Each table's and index's hottest partition key value: the one with the most write units (then reads). */
  hottest(records: readonly CapacityRecord[] = this.records) {
    return [...this.byPartitionKey(records)].map(([target, keys]) => {
      const [partitionKey, tally] = [...keys].sort(([, a], [, b]) => b.wcu - a.wcu || b.rcu - a.rcu)[0] as [
        string,
        Tally,
      ];
      return { target, partitionKey, ...tally };
    });
  }

  // -------------------------------------------------------------------------------------------

  private shape(tableName: string): Promise<TableShape> {
    let shape = this.shapes.get(tableName);
    if (!shape) {
      shape = this.reader
        .send(new DescribeTableCommand({ TableName: tableName }))
        .then(({ Table }) => shapeOf(tableName, Table ?? {}));
      this.shapes.set(tableName, shape);
    }
    return shape;
  }

  private async read(tableName: string, key: Item): Promise<Item | undefined> {
    const { Item } = await this.reader.send(
      new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private keyOf(shape: TableShape, item: Item): Item {
    const names = [shape.partitionKey, shape.sortKey].filter((name): name is string => name !== undefined);
    return Object.fromEntries(names.map((name) => [name, item[name] as AttributeValue]));
  }

  private record(operation: string, table: string, charges: Charge[], failed: boolean, index?: string) {
    this.records.push({
      operation,
      table,
      ...(index ? { index } : {}),
      rcu: charges.reduce((sum, charge) => sum + charge.rcu, 0),
      wcu: charges.reduce((sum, charge) => sum + charge.wcu, 0),
      failed,
      charges,
    });
  }

  private async meter(operation: string, input: Input, send: () => Promise<unknown>): Promise<unknown> {
    switch (operation) {
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem':
        return this.meterWrite(operation, input, send);
      case 'TransactWriteItems':
        return this.meterTransactWrite(input, send);
      case 'BatchWriteItem':
        return this.meterBatchWrite(input, send);
      case 'GetItem':
      case 'BatchGetItem':
      case 'TransactGetItems':
        return this.meterGets(operation, input, send);
      case 'Query':
      case 'Scan':
        return this.meterQuery(operation, input, send);
      default:
        // Control plane (CreateTable, DescribeTable...): no capacity units.
        return send();
    }
  }

  private async meterWrite(operation: string, input: Input, send: () => Promise<unknown>) {
    const tableName = input.TableName as string;
    const shape = await this.shape(tableName);
    const key = operation === 'PutItem' ? this.keyOf(shape, input.Item as Item) : (input.Key as Item);
    const before = await this.read(tableName, key);
    try {
      const result = await send();
      const after = operation === 'DeleteItem' ? undefined : await this.read(tableName, key);
      this.record(operation, shape.label, writeCharges(shape, before, after), false);
      return result;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        this.record(operation, shape.label, failedWriteCharges(shape, key, before), true);
      }
      throw error;
    }
  }

  private async meterTransactWrite(input: Input, send: () => Promise<unknown>) {
    const actions = (input.TransactItems as Record<string, Input>[]).map((action) => {
      const [kind, body] = Object.entries(action)[0] as [string, Input];
      return { kind, tableName: body.TableName as string, body };
    });
    const prepared = await Promise.all(
      actions.map(async ({ kind, tableName, body }) => {
        const shape = await this.shape(tableName);
        const key = kind === 'Put' ? this.keyOf(shape, body.Item as Item) : (body.Key as Item);
        return { kind, tableName, shape, key, before: await this.read(tableName, key) };
      }),
    );
    const label = prepared[0]?.shape.label ?? 'unknown';
    try {
      const result = await send();
      const charges: Charge[] = [];
      for (const { kind, tableName, shape, key, before } of prepared) {
        if (kind === 'ConditionCheck') {
          charges.push(...failedWriteCharges(shape, key, before, { transactional: true }));
          continue;
        }
        const after = kind === 'Delete' ? undefined : await this.read(tableName, key);
        charges.push(...writeCharges(shape, before, after, { transactional: true }));
      }
      this.record('TransactWriteItems', label, charges, false);
      return result;
    } catch (error) {
      // A cancelled transaction: each action charged as a failed write (a conservative reading).
      const charges = prepared.flatMap(({ shape, key, before }) =>
        failedWriteCharges(shape, key, before, { transactional: true }),
      );
      this.record('TransactWriteItems', label, charges, true);
      throw error;
    }
  }

  private async meterBatchWrite(input: Input, send: () => Promise<unknown>) {
    const requests = Object.entries(input.RequestItems as Record<string, Input[]>).flatMap(
      ([tableName, list]) => list.map((request) => ({ tableName, request })),
    );
    const prepared = await Promise.all(
      requests.map(async ({ tableName, request }) => {
        const shape = await this.shape(tableName);
        const put = request.PutRequest as { Item: Item } | undefined;
        const key = put
          ? this.keyOf(shape, put.Item)
          : ((request.DeleteRequest as { Key: Item }).Key as Item);
        return { tableName, shape, key, before: await this.read(tableName, key) };
      }),
    );
    const result = (await send()) as { output?: { UnprocessedItems?: Record<string, Input[]> } };
    const unprocessed = new Set(
      Object.entries(result.output?.UnprocessedItems ?? {}).flatMap(([tableName, list]) =>
        list.map((request) => `${tableName}:${JSON.stringify(request)}`),
      ),
    );
    const charges: Charge[] = [];
    for (const [i, { tableName, shape, key, before }] of prepared.entries()) {
      const request = requests[i]?.request;
      if (unprocessed.has(`${tableName}:${JSON.stringify(request)}`)) continue;
      charges.push(...writeCharges(shape, before, await this.read(tableName, key)));
    }
    this.record('BatchWriteItem', prepared[0]?.shape.label ?? 'unknown', charges, false);
    return result;
  }

  private async meterGets(operation: string, input: Input, send: () => Promise<unknown>) {
    // What each request reads: table, key, consistency.
    const reads: { tableName: string; key: Item; consistency: Consistency }[] =
      operation === 'GetItem'
        ? [
            {
              tableName: input.TableName as string,
              key: input.Key as Item,
              consistency: input.ConsistentRead ? 'strong' : 'eventual',
            },
          ]
        : operation === 'BatchGetItem'
          ? Object.entries(
              input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>,
            ).flatMap(([tableName, { Keys, ConsistentRead }]) =>
              Keys.map((key) => ({
                tableName,
                key,
                consistency: (ConsistentRead ? 'strong' : 'eventual') as Consistency,
              })),
            )
          : (input.TransactItems as { Get: { TableName: string; Key: Item } }[]).map(({ Get }) => ({
              tableName: Get.TableName,
              key: Get.Key,
              consistency: 'transactional' as const,
            }));
    const result = (await send()) as { output?: { UnprocessedKeys?: Record<string, { Keys: Item[] }> } };
    const unprocessed = new Set(
      Object.entries(result.output?.UnprocessedKeys ?? {}).flatMap(([tableName, { Keys }]) =>
        Keys.map((key) => `${tableName}:${JSON.stringify(key)}`),
      ),
    );
    const charges: Charge[] = [];
    let label = 'unknown';
    for (const { tableName, key, consistency } of reads) {
      if (unprocessed.has(`${tableName}:${JSON.stringify(key)}`)) continue;
      const shape = await this.shape(tableName);
      label = shape.label;
      // The whole item, whatever a projection expression kept: DynamoDB charges for the item it read.
      const item = await this.read(tableName, key);
      charges.push({
        target: shape.label,
        action: 'read',
        partitionKey: render(key[shape.partitionKey]),
        wcu: 0,
        rcu: itemReadUnits([item], consistency),
      });
    }
    this.record(operation, label, charges, false);
    return result;
  }

  private async meterQuery(operation: string, input: Input, send: () => Promise<unknown>) {
    const tableName = input.TableName as string;
    const shape = await this.shape(tableName);
    const indexName = input.IndexName as string | undefined;
    const index = indexName ? shape.indexes.find((candidate) => candidate.name === indexName) : undefined;
    if (indexName && !index) throw new Error(`capacity meter: ${shape.label} has no index ${indexName}`);
    const result = await send();
    // The same request without its filter and projection reads what the request read: DynamoDB
    // charges for the items it read before filtering, whatever it returned.
    const { FilterExpression: _filter, ProjectionExpression: _projection, Select: _select, ...rest } = input;
    const used = tokens([rest.KeyConditionExpression as string | undefined]);
    const again = {
      ...rest,
      ExpressionAttributeNames: pick(rest.ExpressionAttributeNames as Record<string, string>, used),
      ExpressionAttributeValues: pick(rest.ExpressionAttributeValues as Record<string, AttributeValue>, used),
    };
    const { Items = [] } = await this.reader.send(
      operation === 'Query'
        ? new QueryCommand(again as QueryCommandInput)
        : new ScanCommand(again as ScanCommandInput),
    );
    // On an index, its entries: keys plus projected attributes.
    const entries = index ? Items.map((item) => indexEntry(shape, index, item) ?? item) : Items;
    const partitionKeyName = index?.partitionKey ?? shape.partitionKey;
    const consistency: Consistency = input.ConsistentRead ? 'strong' : 'eventual';
    const target = index ? `${shape.label}/${index.name}` : shape.label;
    this.record(
      operation,
      shape.label,
      [
        {
          target,
          action: 'read',
          // A Query that read nothing still lands on its key condition's partition.
          partitionKey:
            operation === 'Query'
              ? (render(entries[0]?.[partitionKeyName]) ?? render(conditionValue(input, partitionKeyName)))
              : undefined,
          wcu: 0,
          rcu: queryUnits(entries, consistency),
        },
      ],
      false,
      indexName,
    );
    return result;
  }
}
