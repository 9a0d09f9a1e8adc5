import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbSuppressionList } from '../../lib/adapters/dynamodb/dynamodb.suppression-list.js';
import {
  createSuppressionTableInput,
  SUPPRESSION_TABLE,
} from '../../lib/adapters/dynamodb/suppression-table.js';
import { entry, suppressionListContract } from '../contract/suppression-list.contract.js';
import { useDynalite } from '../support/dynalite.js';

const suite = useDynalite();
const newList = async () => {
  const table = await suite.dynamo.createTableFrom(createSuppressionTableInput, 'suppressions');
  return { table, list: new DynamoDbSuppressionList(suite.client, table) };
};

suppressionListContract('DynamoDbSuppressionList on dynalite', async () => {
  const { list } = await newList();
  return { list, cleanup: () => list.close() };
});

describe('DynamoDB suppression list specifics', () => {
  it('keys an entry by tenant and recipient, and files it under one of the tenant shards', async () => {
    const { table, list } = await newList();
    await list.add(entry({ tenant: 'acme', recipient: '+14155550123', channels: ['sms', 'whatsapp'] }));
    const { Item } = await suite.client.send(
      new GetCommand({ TableName: table, Key: { [SUPPRESSION_TABLE.partitionKey]: 'acme#+14155550123' } }),
    );
    expect(Item?.[SUPPRESSION_TABLE.index.partitionKey]).toMatch(/^acme#[0-3]$/);
    expect(Item?.[SUPPRESSION_TABLE.index.sortKey]).toBe('2026-03-01T09:00:00.000Z#+14155550123');
    expect(Item?.channels).toEqual(new Set(['sms', 'whatsapp']));
  });

  it('keeps no attribute of an erased entry holding the recipient, its index keys included', async () => {
    const { table, list } = await newList();
    const hash = 'b'.repeat(64);
    await list.add(entry({ tenant: 'acme', recipient: '+14155550123' }));
    await list.erase('acme', '+14155550123', hash);
    const key = (recipient: string) => ({ [SUPPRESSION_TABLE.partitionKey]: `acme#${recipient}` });
    expect(
      (await suite.client.send(new GetCommand({ TableName: table, Key: key('+14155550123') }))).Item,
    ).toBeUndefined();
    const { Item } = await suite.client.send(new GetCommand({ TableName: table, Key: key(hash) }));
    expect(Item?.[SUPPRESSION_TABLE.index.sortKey]).toBe(`2026-03-01T09:00:00.000Z#${hash}`);
    expect(JSON.stringify(Item, (_k, v: unknown) => (v instanceof Set ? [...v] : v))).not.toContain(
      '4155550123',
    );
  });
});
