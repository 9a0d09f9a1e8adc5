import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { TemplateContent, TemplatePage, TemplateRecord } from '../../domain/template.js';
import { TEMPLATE_NAME_FORMAT } from '../../domain/template-name.js';
import type { TemplateListQuery, TemplateStore } from '../../ports/template-store.js';
import * as z from '../../zod.js';
import { TEMPLATE_TABLE, templateKey } from './template-table.js';

const { partitionKey: PK, sortKey: SK, headVersion: HEAD } = TEMPLATE_TABLE;
const LIST = TEMPLATE_TABLE.indexes.byTenant;

/** The head item: the last version's number and content, and whether the template is deleted. */
interface Head {
  tenant: string;
  name: string;
  latest: number;
  content: string;
  createdAt: string;
  deletedAt: string | null;
}

const NAME_POSITION = z.tuple([z.string().check(z.regex(TEMPLATE_NAME_FORMAT))]);

/** Concurrent PUTs of one template: each lost race tries the next number; more than this is a fault. */
const PUT_ATTEMPTS = 10;

const record = (
  head: Pick<Head, 'tenant' | 'name' | 'deletedAt'>,
  version: number,
  item: Record<string, unknown>,
) => ({
  tenant: head.tenant,
  name: head.name,
  version,
  content: JSON.parse(String(item.content)) as TemplateContent,
  createdAt: String(item.createdAt),
  deletedAt: head.deletedAt ?? null,
});
const fromHead = (head: Head): TemplateRecord => record(head, head.latest, { ...head });

/** Templates on DynamoDB (the layout: template-table.ts). The client is shared: its owner destroys it. */
export class DynamoDbTemplateStore implements TemplateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Two writes, no transaction: the version item first, conditioned on its number being free (the
   * lock: of two PUTs that read the same head, one takes the number and the other the next), then the
   * head, conditioned on not going back (a later version may have moved it already). A PUT stopped
   * between the two leaves a version the head does not name; the next PUT takes the number after it.
   */
  async put(tenant: string, name: string, content: TemplateContent, at: string): Promise<TemplateRecord> {
    const key = templateKey(tenant, name);
    const json = JSON.stringify(content);
    let version = ((await this.head(tenant, name))?.latest ?? 0) + 1;
    for (let attempt = 1; ; attempt++, version++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { [PK]: key, [SK]: version, content: json, createdAt: at },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
        break;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= PUT_ATTEMPTS) throw error;
      }
    }
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [PK]: key, [SK]: HEAD },
          UpdateExpression:
            'SET tenant = :tenant, #name = :name, latest = :version, content = :content, createdAt = :at, deletedAt = :null, #list = :tenant',
          ConditionExpression: 'attribute_not_exists(#pk) OR latest < :version',
          ExpressionAttributeNames: { '#pk': PK, '#name': 'name', '#list': LIST.partitionKey },
          ExpressionAttributeValues: {
            ':tenant': tenant,
            ':name': name,
            ':version': version,
            ':content': json,
            ':at': at,
            ':null': null,
          },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    return { tenant, name, version, content, createdAt: at, deletedAt: null };
  }

  async get(tenant: string, name: string, version?: number): Promise<TemplateRecord | undefined> {
    const head = await this.head(tenant, name);
    if (!head) return undefined;
    if (version === undefined || version === head.latest) return fromHead(head);
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { [PK]: templateKey(tenant, name), [SK]: version } }),
    );
    return Item && record(head, version, Item);
  }

  async list({ tenant, limit, cursor }: TemplateListQuery): Promise<TemplatePage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, NAME_POSITION)[0];
    const items: TemplateRecord[] = [];
    let start: Record<string, unknown> | undefined =
      after === undefined
        ? undefined
        : {
            [LIST.partitionKey]: tenant,
            [LIST.sortKey]: after,
            [PK]: templateKey(tenant, after),
            [SK]: HEAD,
          };
    // One more than the page, to know whether another follows.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byTenant',
          KeyConditionExpression: '#tenant = :tenant',
          ExpressionAttributeNames: { '#tenant': LIST.partitionKey },
          ExpressionAttributeValues: { ':tenant': tenant },
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => fromHead(item as unknown as Head)));
      start = page.LastEvaluatedKey;
    } while (start && items.length <= limit);
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return { items: pageItems, nextCursor: items.length > limit && last ? encodeCursor([last.name]) : null };
  }

  async delete(tenant: string, name: string, at: string): Promise<TemplateRecord | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [PK]: templateKey(tenant, name), [SK]: HEAD },
          // Out of the list index, kept for reads by version.
          UpdateExpression: 'SET deletedAt = :at REMOVE #list',
          ConditionExpression: 'attribute_exists(#pk) AND deletedAt = :null',
          ExpressionAttributeNames: { '#pk': PK, '#list': LIST.partitionKey },
          ExpressionAttributeValues: { ':at': at, ':null': null },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes && fromHead(Attributes as unknown as Head);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async head(tenant: string, name: string): Promise<Head | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: templateKey(tenant, name), [SK]: HEAD },
        ConsistentRead: true,
      }),
    );
    return Item as Head | undefined;
  }

  async close(): Promise<void> {}
}
