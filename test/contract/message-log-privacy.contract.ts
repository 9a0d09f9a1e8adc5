import { afterEach, describe, expect, it } from 'vitest';
import { ERASED } from '../../lib/domain/message.schema.js';
import type { MessageLog, MessageLogOptions } from '../../lib/ports/message-log.js';
import type { RetentionPolicy } from '../../lib/privacy/retention.js';
import { listQuery } from '../support/queries.js';
import { at, emailRecord, messageRecord } from './message-log.contract.js';

const DAY_MS = 86_400_000;

/**
 * The message log's retention and erasure, as one suite every adapter runs. `open` answers a new,
 * empty log built with `options` (a retention policy, a clock) and how to dispose of it.
 */
export function messageLogPrivacyContract(
  name: string,
  open: (options: MessageLogOptions) => Promise<{ log: MessageLog; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    const opened: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of opened.splice(0)) await cleanup();
    });
    const openLog = async (options: MessageLogOptions) => {
      const { log, cleanup } = await open(options);
      opened.push(cleanup);
      return log;
    };

    describe('retention', () => {
      const policy: RetentionPolicy = { defaultDays: 90, tenantDays: { acme: 7 } };

      it("hides a message once its tenant's retention has passed, each tenant by its own days", async () => {
        let now = new Date(at(0));
        const log = await openLog({ retention: policy, clock: () => now });
        const kept = messageRecord({ tenant: 'default' });
        const short = messageRecord({ tenant: 'acme', providerMessageId: 'SM-acme' });
        await log.create(kept);
        await log.create(short);

        now = new Date(Date.parse(at(0)) + 7 * DAY_MS - 1000);
        expect(await log.get(short.id)).toEqual(short);
        expect((await log.list(listQuery({}, 'acme'))).items.map((r) => r.id)).toEqual([short.id]);

        now = new Date(Date.parse(at(0)) + 7 * DAY_MS);
        expect(await log.get(short.id)).toBeUndefined();
        expect(await log.findByProviderMessageId?.('SM-acme')).toBeUndefined();
        expect(await log.listEvents(short.id)).toEqual([]);
        expect((await log.list(listQuery({}, 'acme'))).items).toEqual([]);
        expect(await log.get(kept.id)).toEqual(kept);
        expect((await log.list(listQuery({ recipient: kept.recipient }))).items).toEqual([kept]);

        now = new Date(Date.parse(at(0)) + 90 * DAY_MS);
        expect(await log.get(kept.id)).toBeUndefined();
        expect((await log.list(listQuery({}))).items).toEqual([]);
      });

      it('keeps every message without a retention policy', async () => {
        const now = new Date(Date.parse(at(0)) + 10_000 * DAY_MS);
        const log = await openLog({ clock: () => now });
        const record = messageRecord();
        await log.create(record);
        expect(await log.get(record.id)).toEqual(record);
      });
    });

    describe('erase', () => {
      it("replaces the recipient by its hash, the content, subject and error message, clears the events' details", async () => {
        const log = await openLog({});
        const record = emailRecord({
          status: 'pending',
          contentDigest: { length: 5, sha256: 'ab'.repeat(32) },
        });
        await log.create(record);
        await log.updateStatus(record.id, 'pending', {
          status: 'failed',
          error: { code: 'MessageRejected', message: 'alice@example.com is on a list', retryable: false },
          provider: 'ses',
          attempts: 1,
          updatedAt: at(1),
        });

        expect(await log.erase(record.id, { tenant: 'default', recipientHash: 'h'.repeat(64) })).toBe(true);

        const erased = await log.get(record.id);
        expect(erased).toEqual({
          ...record,
          recipient: 'h'.repeat(64),
          subject: ERASED,
          content: ERASED,
          contentDigest: undefined,
          status: 'failed',
          provider: 'ses',
          error: { code: 'MessageRejected', message: ERASED, retryable: false },
          attempts: 1,
          updatedAt: at(1),
        });
        expect(erased).not.toHaveProperty('contentDigest');
        expect((await log.listEvents(record.id)).map((e) => [e.status, e.detail])).toEqual([
          ['pending', null],
          ['failed', null],
        ]);
        // Not found by the recipient any more; found by its hash.
        expect((await log.list(listQuery({ recipient: 'alice@example.com' }))).items).toEqual([]);
        const byHash = await log.list({ ...listQuery({}), recipient: 'h'.repeat(64) });
        expect(byHash.items.map((r) => r.id)).toEqual([record.id]);
      });

      it("erases a templated message's HTML part and its Meta template's parameters, keeping the template's name", async () => {
        const log = await openLog({});
        const email = emailRecord({ template: 'welcome', templateVersion: 2, html: '<p>Hi Alice</p>' });
        const whatsapp = messageRecord({
          type: 'whatsapp',
          template: 'order-update',
          templateVersion: 1,
          metaTemplate: { name: 'order_update', language: 'en_US', parameters: ['Alice', '#1234'] },
        });
        for (const record of [email, whatsapp]) {
          await log.create(record);
          await log.erase(record.id, { tenant: 'default', recipientHash: 'h'.repeat(64) });
        }
        expect(await log.get(email.id)).toMatchObject({
          template: 'welcome',
          templateVersion: 2,
          html: ERASED,
        });
        const erased = await log.get(whatsapp.id);
        expect(erased).toMatchObject({ template: 'order-update', content: ERASED });
        expect(erased).not.toHaveProperty('metaTemplate');
        expect(JSON.stringify(erased)).not.toMatch(/Alice|1234/);
      });

      it('keeps a null subject null and a null error null', async () => {
        const log = await openLog({});
        const record = messageRecord();
        await log.create(record);
        await log.erase(record.id, { tenant: 'default', recipientHash: 'x' });
        expect(await log.get(record.id)).toMatchObject({ subject: null, error: null, content: ERASED });
      });

      it("refuses another tenant's message and an unknown id, changing nothing", async () => {
        const log = await openLog({});
        const record = messageRecord({ tenant: 'beta' });
        await log.create(record);
        expect(await log.erase(record.id, { tenant: 'acme', recipientHash: 'x' })).toBe(false);
        expect(await log.erase('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', { tenant: 'acme', recipientHash: 'x' })).toBe(
          false,
        );
        expect(await log.get(record.id)).toEqual(record);
      });

      it('keeps a status change made after the erasure working, and its event', async () => {
        const log = await openLog({});
        const record = messageRecord({ status: 'pending' });
        await log.create(record);
        await log.erase(record.id, { tenant: 'default', recipientHash: 'x' });
        const sent = await log.updateStatus(record.id, 'pending', {
          status: 'sent',
          provider: 'mock',
          providerMessageId: 'mock-1',
          attempts: 1,
          updatedAt: at(2),
        });
        expect(sent).toMatchObject({ status: 'sent', recipient: 'x', content: ERASED });
        expect((await log.listEvents(record.id)).map((e) => e.status)).toEqual(['pending', 'sent']);
      });
    });
  });
}
