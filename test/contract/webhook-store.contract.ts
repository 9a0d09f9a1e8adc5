import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryView, type StoredDelivery, type WebhookEndpoint } from '../../lib/domain/webhook.js';
import type { WebhookStore } from '../../lib/ports/webhook-store.js';

/**
 * The contract of the webhook store port, run by every adapter (SQLite, DynamoDB on dynalite).
 * `open` answers a new, empty store and how to dispose of it.
 */

const BASE = Date.parse('2026-03-01T09:00:00.000Z');
const at = (seconds: number): string => new Date(BASE + seconds * 1000).toISOString();

export function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: 'we_01JENDPOINT0000000000000001',
    tenant: 'acme',
    url: 'https://hooks.example.com/messaging',
    events: ['message.sent', 'message.failed'],
    description: 'orders',
    enabled: true,
    disabledReason: null,
    failingSince: null,
    secret: 'whsec_c2VjcmV0LW9uZQ==',
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function delivery(overrides: Partial<StoredDelivery> = {}): StoredDelivery {
  const messageId = overrides.messageId ?? '01JMESSAGE00000000000000001';
  const eventSeq = overrides.eventSeq ?? 2;
  return {
    id: '01JDELIVERY0000000000000001',
    endpointId: 'we_01JENDPOINT0000000000000001',
    tenant: 'acme',
    eventId: `evt_${messageId}_${eventSeq}`,
    eventType: 'message.sent',
    messageId,
    eventSeq,
    state: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    lastLatencyMs: null,
    nextAttemptAt: at(10),
    createdAt: at(10),
    updatedAt: at(10),
    payload: `{"id":"evt_${messageId}_${eventSeq}"}`,
    ...overrides,
  };
}

export function webhookStoreContract(
  name: string,
  open: () => Promise<{ store: WebhookStore; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let store: WebhookStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      dispose = () => opened.cleanup();
    });
    afterEach(async () => {
      await dispose();
    });

    it('gives an endpoint back field for field, secrets included, to its own tenant only', async () => {
      const created = endpoint({ events: ['*'], description: null });
      await store.createEndpoint(created);
      expect(await store.getEndpoint('acme', created.id)).toEqual(created);
      expect(await store.getEndpoint('globex', created.id)).toBeUndefined();
      expect(await store.getEndpoint('acme', 'we_unknown')).toBeUndefined();
      expect(await store.listEndpoints('globex')).toEqual([]);
    });

    it("lists a tenant's endpoints oldest first, and no other tenant's", async () => {
      await store.createEndpoint(endpoint({ id: 'we_03', createdAt: at(3) }));
      await store.createEndpoint(endpoint({ id: 'we_01', createdAt: at(1) }));
      await store.createEndpoint(endpoint({ id: 'we_02', tenant: 'globex', createdAt: at(2) }));
      await store.createEndpoint(endpoint({ id: 'we_04', createdAt: at(1) }));
      expect((await store.listEndpoints('acme')).map((e) => e.id)).toEqual(['we_01', 'we_04', 'we_03']);
      expect((await store.listEndpoints('globex')).map((e) => e.id)).toEqual(['we_02']);
    });

    it("replaces an endpoint, and not one that is missing or another tenant's", async () => {
      const created = endpoint();
      await store.createEndpoint(created);
      const changed = {
        ...created,
        url: 'https://other.example.com/hook',
        enabled: false,
        disabledReason: 'FAILING',
        failingSince: at(5),
        previousSecret: created.secret,
        secret: 'whsec_bmV3LXNlY3JldA==',
        previousSecretExpiresAt: at(86_400),
        updatedAt: at(6),
      };
      expect(await store.saveEndpoint(changed)).toBe(true);
      expect(await store.getEndpoint('acme', created.id)).toEqual(changed);
      expect(await store.saveEndpoint({ ...changed, tenant: 'globex' })).toBe(false);
      expect(await store.getEndpoint('globex', created.id)).toBeUndefined();
      expect(await store.saveEndpoint({ ...changed, id: 'we_unknown' })).toBe(false);
      expect(await store.getEndpoint('acme', 'we_unknown')).toBeUndefined();
    });

    it('deletes an endpoint with its deliveries, once, and only its own', async () => {
      const kept = endpoint({ id: 'we_kept' });
      await store.createEndpoint(endpoint());
      await store.createEndpoint(kept);
      await store.addDeliveries([
        delivery(),
        delivery({ id: '01JDELIVERY0000000000000002', endpointId: kept.id }),
      ]);
      expect(await store.deleteEndpoint('globex', endpoint().id)).toBe(false);
      expect(await store.deleteEndpoint('acme', endpoint().id)).toBe(true);
      expect(await store.getEndpoint('acme', endpoint().id)).toBeUndefined();
      expect(await store.deleteEndpoint('acme', endpoint().id)).toBe(false);
      expect(await store.getDelivery('acme', endpoint().id, delivery().id)).toBeUndefined();
      expect(await store.findDelivery(delivery())).toBeUndefined();
      expect((await store.listDeliveries('acme', endpoint().id, { limit: 10 })).items).toEqual([]);
      expect(await store.getDelivery('acme', kept.id, '01JDELIVERY0000000000000002')).toBeDefined();
    });

    it('adds a delivery of an event to an endpoint once: a replay leaves the first as it is', async () => {
      await store.createEndpoint(endpoint());
      const first = delivery();
      await store.addDeliveries([first]);
      await store.saveDelivery({ ...first, state: 'succeeded', attempts: 1, lastStatusCode: 204 });
      // The same change again (a replayed stream record): a new id, the same event and endpoint.
      await store.addDeliveries([{ ...first, id: '01JDELIVERY0000000000000009', createdAt: at(20) }]);
      expect(await store.findDelivery(first)).toMatchObject({ id: first.id, state: 'succeeded' });
      expect(
        await store.getDelivery('acme', first.endpointId, '01JDELIVERY0000000000000009'),
      ).toBeUndefined();
      const { items } = await store.listDeliveries('acme', first.endpointId, { limit: 10 });
      expect(items.map((d) => d.id)).toEqual([first.id]);
    });

    it("saves a delivery's attempts; finds it by id or by its event, in its own tenant and endpoint", async () => {
      await store.createEndpoint(endpoint());
      const added = delivery();
      await store.addDeliveries([added]);
      const attempted: StoredDelivery = {
        ...added,
        attempts: 2,
        lastStatusCode: 503,
        lastError: null,
        lastLatencyMs: 120,
        nextAttemptAt: at(80),
        updatedAt: at(20),
      };
      await store.saveDelivery(attempted);
      expect(await store.getDelivery('acme', added.endpointId, added.id)).toEqual(attempted);
      expect(await store.findDelivery(added)).toEqual(attempted);
      expect(await store.getDelivery('globex', added.endpointId, added.id)).toBeUndefined();
      expect(await store.getDelivery('acme', 'we_other', added.id)).toBeUndefined();
      expect(await store.findDelivery({ ...added, tenant: 'globex' })).toBeUndefined();
      expect(await store.findDelivery({ ...added, eventSeq: 3 })).toBeUndefined();
    });

    it("pages an endpoint's deliveries newest first, over many messages, and only that endpoint's", async () => {
      await store.createEndpoint(endpoint());
      await store.createEndpoint(endpoint({ id: 'we_other' }));
      const added = Array.from({ length: 23 }, (_, i) =>
        delivery({
          id: `01JDELIVERY${String(i).padStart(16, '0')}`,
          messageId: `01JMESSAGE${String(i % 9).padStart(17, '0')}`,
          eventSeq: 2 + Math.floor(i / 9),
          // Two deliveries share each instant: the id breaks the tie.
          createdAt: at(Math.floor(i / 2)),
        }),
      );
      await store.addDeliveries(added);
      await store.addDeliveries([
        delivery({ id: '01JDELIVERYOTHER', endpointId: 'we_other', createdAt: at(99) }),
      ]);
      const expected = [...added]
        .sort((a, b) => (`${a.createdAt}#${a.id}` < `${b.createdAt}#${b.id}` ? 1 : -1))
        .map(deliveryView);
      const seen = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDeliveries('acme', endpoint().id, { limit: 10, cursor });
        expect(page.items.length).toBeLessThanOrEqual(10);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect((await store.listDeliveries('globex', endpoint().id, { limit: 10 })).items).toEqual([]);
    });

    it('answers the first earlier event of the message to the endpoint still pending', async () => {
      await store.createEndpoint(endpoint());
      const queued = delivery({
        id: '01JDELIVERY0000000000000001',
        eventSeq: 1,
        eventType: 'message.queued',
      });
      const sent = delivery({ id: '01JDELIVERY0000000000000002', eventSeq: 3 });
      const delivered = delivery({
        id: '01JDELIVERY0000000000000003',
        eventSeq: 4,
        eventType: 'message.delivered',
      });
      const otherMessage = delivery({
        id: '01JDELIVERY0000000000000004',
        messageId: '01JMESSAGEOTHER',
        eventSeq: 1,
      });
      await store.addDeliveries([queued, sent, delivered, otherMessage]);
      expect(await store.pendingBefore(delivered)).toMatchObject({ id: queued.id });
      expect(await store.pendingBefore(queued)).toBeUndefined();
      await store.saveDelivery({ ...queued, state: 'succeeded' });
      expect(await store.pendingBefore(delivered)).toMatchObject({ id: sent.id });
      await store.saveDelivery({ ...sent, state: 'failed' });
      expect(await store.pendingBefore(delivered)).toBeUndefined();
      expect(await store.pendingBefore(otherMessage)).toBeUndefined();
    });
  });
}
