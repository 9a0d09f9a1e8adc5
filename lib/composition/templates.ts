import { DynamoDbTemplateStore } from '../adapters/dynamodb/dynamodb.template-store.js';
import { SqliteTemplateStore } from '../adapters/sqlite/sqlite.template-store.js';
import type { TemplateStore } from '../ports/template-store.js';
import { makeRenderTemplate, type RenderTemplate } from '../services/render-template.js';
import { TemplateCache } from '../services/template-cache.js';
import { clock } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, sqliteDatabase, storeOf } from './stores.js';

const unconfigured = async (): Promise<never> => {
  throw new Error('no templates table is configured (TEMPLATES_TABLE_NAME)');
};
// A DynamoDB deployment without a templates table: every use is a fault (503), said in the log.
const noTemplates: TemplateStore = {
  put: unconfigured,
  get: unconfigured,
  list: unconfigured,
  delete: unconfigured,
  close: async () => {},
};

/** The templates: in the SQLite database offline, the TEMPLATES_TABLE_NAME table on AWS. */
export const templateStore = (parts: Parts): TemplateStore =>
  parts.closable('templates', () => {
    const store = storeOf(parts);
    if (store.kind === 'sqlite')
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteTemplateStore(sqliteDatabase(parts, store.path));
    if (!store.templatesTableName) return noTemplates;
    return new DynamoDbTemplateStore(documentClient(parts, store), store.templatesTableName);
  });

/** The templates this process read for its sends (lib/services/template-cache.ts). */
export const templateCache = (parts: Parts): TemplateCache =>
  parts.once('templateCache', () => new TemplateCache(clock(parts)));

/** A send's template rendering, over the templates store and the process's cache. */
export const renderTemplate = (parts: Parts): RenderTemplate =>
  parts.once('renderTemplate', () =>
    makeRenderTemplate({ templates: templateStore(parts), cache: templateCache(parts) }),
  );
