import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/domain/errors.js';
import type { SuppressionInput } from '../../lib/domain/suppression.js';
import type { SuppressionList } from '../../lib/ports/suppression-list.js';

/**
 * The contract of the suppression list port, run by every adapter. `open` answers a new, empty list
 * and how to dispose of it.
 */

const BASE = Date.parse('2026-03-01T09:00:00.000Z');
const at = (seconds: number): string => new Date(BASE + seconds * 1000).toISOString();

export function entry(overrides: Partial<SuppressionInput> = {}): SuppressionInput {
  return {
    tenant: 'acme',
    recipient: '+14155550123',
    channels: ['sms'],
    reason: 'unsubscribe',
    source: { provider: 'twilio', keyId: null, messageId: null },
    at: at(0),
    ...overrides,
  };
}

const query = (tenant: string, extra: Record<string, unknown> = {}) => ({ tenant, limit: 25, ...extra });

export function suppressionListContract(
  name: string,
  open: () => Promise<{ list: SuppressionList; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let list: SuppressionList;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await open();
      list = opened.list;
      dispose = () => opened.cleanup();
    });
    afterEach(async () => {
      await dispose();
    });

    it('gives back an added entry field for field, and undefined for an unknown recipient', async () => {
      const added = await list.add(
        entry({
          recipient: 'bounced@example.com',
          channels: ['email'],
          reason: 'bounce',
          source: { provider: 'ses', keyId: null, messageId: '01JMSG' },
        }),
      );
      const expected = {
        tenant: 'acme',
        recipient: 'bounced@example.com',
        channels: ['email'],
        reason: 'bounce',
        source: { provider: 'ses', keyId: null, messageId: '01JMSG' },
        createdAt: at(0),
        updatedAt: at(0),
      };
      expect(added).toEqual(expected);
      expect(await list.get('acme', 'bounced@example.com')).toEqual(expected);
      expect(await list.get('acme', 'other@example.com')).toBeUndefined();
    });

    it('adds channels to an entry, replacing its reason and source and keeping when it was made', async () => {
      await list.add(entry({ channels: ['sms'], at: at(1) }));
      const merged = await list.add(
        entry({
          channels: ['whatsapp', 'sms'],
          reason: 'manual',
          source: { provider: null, keyId: 'key-1', messageId: null },
          at: at(5),
        }),
      );
      expect(merged).toMatchObject({
        channels: ['sms', 'whatsapp'],
        reason: 'manual',
        source: { provider: null, keyId: 'key-1', messageId: null },
        createdAt: at(1),
        updatedAt: at(5),
      });
      expect(await list.get('acme', '+14155550123')).toEqual(merged);
    });

    it('lifts some channels, then the entry with its last one; a missing entry is absent', async () => {
      await list.add(entry({ channels: ['sms', 'whatsapp'] }));
      const left = await list.lift('acme', '+14155550123', at(3), ['sms']);
      expect(left).toMatchObject({ channels: ['whatsapp'], updatedAt: at(3) });
      expect((await list.get('acme', '+14155550123'))?.channels).toEqual(['whatsapp']);
      expect(await list.lift('acme', '+14155550123', at(4), ['whatsapp'])).toBeUndefined();
      expect(await list.get('acme', '+14155550123')).toBeUndefined();
      expect(await list.lift('acme', '+14155550123', at(5), ['sms'])).toBe('absent');
      expect(await list.lift('acme', '+14155550123', at(5))).toBe('absent');
    });

    it('lifts every channel at once, and an entry made again is new', async () => {
      await list.add(entry({ channels: ['sms', 'whatsapp'], at: at(1) }));
      expect(await list.lift('acme', '+14155550123', at(2))).toBeUndefined();
      expect(await list.get('acme', '+14155550123')).toBeUndefined();
      expect((await list.list(query('acme'))).items).toEqual([]);
      const again = await list.add(entry({ channels: ['sms'], at: at(9) }));
      expect(again).toMatchObject({ channels: ['sms'], createdAt: at(9) });
      expect((await list.list(query('acme'))).items).toEqual([again]);
    });

    it("keeps each tenant's list to itself", async () => {
      await list.add(entry({ tenant: 'acme', channels: ['sms'] }));
      await list.add(entry({ tenant: 'globex', channels: ['whatsapp'], reason: 'manual' }));
      expect((await list.get('acme', '+14155550123'))?.channels).toEqual(['sms']);
      expect((await list.get('globex', '+14155550123'))?.channels).toEqual(['whatsapp']);
      expect(await list.get('initech', '+14155550123')).toBeUndefined();
      expect((await list.list(query('acme'))).items.map((e) => e.tenant)).toEqual(['acme']);
      expect(await list.lift('initech', '+14155550123', at(1))).toBe('absent');
      await list.lift('acme', '+14155550123', at(1));
      expect(await list.get('globex', '+14155550123')).toBeDefined();
    });

    it('lists newest first, paged by cursor with every entry once, and filters', async () => {
      const recipients: string[] = [];
      for (let i = 0; i < 9; i++) {
        const recipient = `user${i}@example.com`;
        recipients.push(recipient);
        // Two entries share each instant: the recipient breaks the tie.
        await list.add(
          entry({
            recipient,
            channels: ['email'],
            reason: i % 3 === 0 ? 'complaint' : 'bounce',
            at: at(Math.floor(i / 2)),
          }),
        );
      }
      await list.add(entry({ recipient: '+14155550124', channels: ['whatsapp'], at: at(2) }));
      await list.add(entry({ tenant: 'globex', recipient: 'user1@example.com', channels: ['email'] }));

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await list.list(query('acme', { limit: 3, ...(cursor ? { cursor } : {}) }));
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((e) => e.recipient));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([
        'user8@example.com',
        'user7@example.com',
        'user6@example.com',
        'user5@example.com',
        'user4@example.com',
        '+14155550124',
        'user3@example.com',
        'user2@example.com',
        'user1@example.com',
        'user0@example.com',
      ]);

      const complaints = await list.list(query('acme', { reason: 'complaint' }));
      expect(complaints.items.map((e) => e.recipient)).toEqual([
        'user6@example.com',
        'user3@example.com',
        'user0@example.com',
      ]);
      const whatsapp = await list.list(query('acme', { channel: 'whatsapp' }));
      expect(whatsapp.items.map((e) => e.recipient)).toEqual(['+14155550124']);
      const one = await list.list(query('acme', { recipient: 'user1@example.com' }));
      expect(one).toEqual({ items: [expect.objectContaining({ tenant: 'acme' })], nextCursor: null });
      const filteredPage = await list.list(query('acme', { reason: 'bounce', limit: 2 }));
      expect(filteredPage.items.map((e) => e.recipient)).toEqual(['user8@example.com', 'user7@example.com']);
      const next = await list.list(
        query('acme', { reason: 'bounce', limit: 5, cursor: filteredPage.nextCursor }),
      );
      expect(next.items.map((e) => e.recipient)).toEqual([
        'user5@example.com',
        'user4@example.com',
        'user2@example.com',
        'user1@example.com',
      ]);
      expect(next.nextCursor).toBeNull();
    });

    it('moves an entry to its hash on erase, keeping its fields, so that only the hash finds it', async () => {
      const hash = 'a'.repeat(64);
      await list.add(entry({ channels: ['sms', 'whatsapp'], reason: 'complaint', at: at(1) }));
      await list.add(entry({ recipient: '+14155550199', at: at(2) }));
      expect(await list.erase('globex', '+14155550123', hash)).toBe(false);
      expect(await list.erase('acme', '+14155550123', hash)).toBe(true);

      expect(await list.get('acme', '+14155550123')).toBeUndefined();
      const moved = {
        tenant: 'acme',
        recipient: hash,
        channels: ['sms', 'whatsapp'],
        reason: 'complaint',
        source: { provider: 'twilio', keyId: null, messageId: null },
        createdAt: at(1),
        updatedAt: at(1),
      };
      expect(await list.get('acme', hash)).toEqual(moved);
      const page = await list.list(query('acme'));
      expect(page.items.map((e) => e.recipient)).toEqual(['+14155550199', hash]);
      expect(JSON.stringify(page)).not.toContain('4155550123');
      expect((await list.list(query('acme', { recipient: hash }))).items).toEqual([moved]);
      // Erased again: nothing left under the recipient.
      expect(await list.erase('acme', '+14155550123', hash)).toBe(false);
      // An entry made again for the recipient joins the hashed one on the next erasure.
      await list.add(entry({ channels: ['sms'], reason: 'bounce', at: at(3) }));
      expect(await list.erase('acme', '+14155550123', hash)).toBe(true);
      expect(await list.get('acme', '+14155550123')).toBeUndefined();
      expect(await list.get('acme', hash)).toMatchObject({ channels: ['sms', 'whatsapp'], createdAt: at(1) });
      expect((await list.list(query('acme'))).items).toHaveLength(2);
    });

    it('refuses a cursor it did not make, naming the cursor', async () => {
      const error = await list.list(query('acme', { cursor: 'not-a-cursor' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        { field: 'cursor', message: 'is not a cursor this service issued' },
      ]);
    });
  });
}
