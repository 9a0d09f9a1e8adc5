import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/domain/errors.js';
import type { TemplateContent } from '../../lib/domain/template.js';
import type { TemplateStore } from '../../lib/ports/template-store.js';

/**
 * The contract of the TemplateStore port, run by every adapter. `open` answers a new, empty store and
 * how to dispose of it.
 */

export const templateTime = (seconds: number): string =>
  new Date(Date.parse('2026-03-01T09:00:00.000Z') + seconds * 1000).toISOString();

export const RESET: TemplateContent = {
  description: 'Password reset — ünïcödé',
  email: {
    subject: 'Reset your password, {{name}}',
    text: 'Hello {{name}}, reset it at {{link}}',
    html: '<p>Hello {{name}}, <a href="{{link}}">reset it</a></p>',
  },
  sms: { text: 'Code {{code}}' },
  whatsapp: { metaTemplate: { name: 'password_reset', language: 'en_US', parameters: ['{{name}}'] } },
};
const OTP: TemplateContent = { sms: { text: 'Your code is {{code}}' } };

export function templateStoreContract(
  name: string,
  open: () => Promise<{ store: TemplateStore; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let store: TemplateStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      dispose = () => opened.cleanup();
    });
    afterEach(async () => dispose());

    it('stores version 1, then a new immutable version for every put', async () => {
      const first = await store.put('acme', 'reset', RESET, templateTime(0));
      const second = await store.put('acme', 'reset', OTP, templateTime(5));

      expect(first).toStrictEqual({
        tenant: 'acme',
        name: 'reset',
        version: 1,
        content: RESET,
        createdAt: templateTime(0),
        deletedAt: null,
      });
      expect(second.version).toBe(2);
      expect(await store.get('acme', 'reset')).toStrictEqual(second);
      expect(await store.get('acme', 'reset', 1)).toStrictEqual(first);
      expect(await store.get('acme', 'reset', 2)).toStrictEqual(second);
    });

    it('answers undefined for an unknown name or version, and never another tenant', async () => {
      await store.put('acme', 'reset', RESET, templateTime(0));

      expect(await store.get('acme', 'other')).toBeUndefined();
      expect(await store.get('acme', 'reset', 2)).toBeUndefined();
      expect(await store.get('globex', 'reset')).toBeUndefined();
      const theirs = await store.put('globex', 'reset', OTP, templateTime(1));
      expect(theirs.version).toBe(1);
      expect((await store.get('acme', 'reset'))?.content).toStrictEqual(RESET);
    });

    it('gives concurrent puts of one template distinct versions, none lost', async () => {
      const puts = await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          store.put('acme', 'otp', { sms: { text: `v${i} {{code}}` } }, templateTime(i)),
        ),
      );

      expect(puts.map((p) => p.version).sort()).toEqual([1, 2, 3, 4, 5]);
      for (const put of puts) expect(await store.get('acme', 'otp', put.version)).toStrictEqual(put);
    });

    it('lists the live templates of the tenant, latest versions, by name, page by page', async () => {
      for (const name of ['c', 'a', 'e', 'b', 'd']) await store.put('acme', name, OTP, templateTime(0));
      await store.put('acme', 'b', RESET, templateTime(9));
      await store.put('globex', 'aa', OTP, templateTime(0));
      await store.delete('acme', 'd', templateTime(10));

      const first = await store.list({ tenant: 'acme', limit: 2 });
      expect(first.items.map((t) => [t.name, t.version])).toEqual([
        ['a', 1],
        ['b', 2],
      ]);
      expect(first.items[1]?.content).toStrictEqual(RESET);
      const second = await store.list({ tenant: 'acme', limit: 2, cursor: first.nextCursor ?? '' });
      expect(second.items.map((t) => t.name)).toEqual(['c', 'e']);
      expect(second.nextCursor).toBeNull();
      expect((await store.list({ tenant: 'globex', limit: 10 })).items.map((t) => t.name)).toEqual(['aa']);
      expect(await store.list({ tenant: 'initech', limit: 10 })).toStrictEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('refuses a cursor it did not make, naming it', async () => {
      await expect(store.list({ tenant: 'acme', limit: 2, cursor: 'not-a-cursor' })).rejects.toThrow(
        ValidationError,
      );
      await expect(store.list({ tenant: 'acme', limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        details: [{ field: 'cursor' }],
      });
    });

    it('deletes a template once, keeps its versions readable, and a put revives it as the next version', async () => {
      await store.put('acme', 'reset', RESET, templateTime(0));
      await store.put('acme', 'reset', OTP, templateTime(1));

      const deleted = await store.delete('acme', 'reset', templateTime(2));
      expect(deleted).toMatchObject({ name: 'reset', version: 2, deletedAt: templateTime(2) });
      expect(await store.delete('acme', 'reset', templateTime(3))).toBeUndefined();
      expect(await store.delete('acme', 'missing', templateTime(3))).toBeUndefined();
      expect(await store.delete('globex', 'reset', templateTime(3))).toBeUndefined();
      expect(await store.get('acme', 'reset', 1)).toMatchObject({
        content: RESET,
        deletedAt: templateTime(2),
      });
      expect((await store.list({ tenant: 'acme', limit: 10 })).items).toEqual([]);

      const revived = await store.put('acme', 'reset', RESET, templateTime(4));
      expect(revived).toMatchObject({ version: 3, deletedAt: null });
      expect(await store.get('acme', 'reset')).toStrictEqual(revived);
      expect((await store.list({ tenant: 'acme', limit: 10 })).items).toStrictEqual([revived]);
    });
  });
}
