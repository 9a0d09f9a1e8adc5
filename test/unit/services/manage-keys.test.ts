import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteKeyStore } from '../../../lib/adapters/sqlite/sqlite.key-store.js';
import type { Principal } from '../../../lib/domain/api-key.js';
import type { TenantThroughput } from '../../../lib/ports/tenant-throughput.js';
import { makeManageKeys } from '../../../lib/services/manage-keys.js';

/** Records every declaration; fails them all while `failing` is set. */
class RecordingThroughput implements TenantThroughput {
  readonly declared: { tenant: string; perSecond: number | null }[] = [];
  failing: Error | undefined;

  async declare(tenant: string, perSecond: number | null): Promise<void> {
    if (this.failing) throw this.failing;
    this.declared.push({ tenant, perSecond });
  }
}

describe('creating a key declares what all the tenant’s keys allow', () => {
  const opened: SqliteDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  const setUp = () => {
    const db = openDatabase(':memory:');
    opened.push(db);
    const keys = new SqliteKeyStore(db);
    const throughput = new RecordingThroughput();
    const manage = makeManageKeys({ keys, throughput, clock: () => new Date('2026-12-06T12:00:00Z') });
    const create = (tenant: string, perSecond?: number | null) =>
      manage.create({
        name: 'k',
        tenant,
        scopes: ['messages:send'],
        ...(perSecond === undefined ? {} : { limits: { perSecond } }),
      });
    const last = () => throughput.declared.at(-1);
    return { keys, throughput, manage, create, last };
  };

  it('sums the active keys with the new one: 4 keys of 50 declare 200, a fifth 250', async () => {
    const { create, throughput, last } = setUp();
    for (let i = 0; i < 4; i++) await create('acme', 50);
    expect(throughput.declared.map((d) => d.perSecond)).toEqual([50, 100, 150, 200]);
    await create('acme', 50);
    expect(last()).toEqual({ tenant: 'acme', perSecond: 250 });
  });

  it('counts a key without limits at the default, 50 a second', async () => {
    const { create, last } = setUp();
    await create('acme', 70);
    await create('acme');
    expect(last()).toEqual({ tenant: 'acme', perSecond: 120 });
  });

  it('declares null (unlimited) as long as an active key is unlimited, the new one or another', async () => {
    const { create, last } = setUp();
    await create('acme', 50);
    await create('acme', null);
    expect(last()).toEqual({ tenant: 'acme', perSecond: null });
    await create('acme', 50);
    expect(last()).toEqual({ tenant: 'acme', perSecond: null });
  });

  it('does not count revoked keys, nor other tenants’ keys', async () => {
    const { create, manage, last } = setUp();
    const unlimited = await create('acme', null);
    const fast = await create('acme', 150);
    await create('other', 500);
    await manage.revoke(unlimited.key.id);
    await manage.revoke(fast.key.id, 'acme');
    await create('acme', 50);
    expect(last()).toEqual({ tenant: 'acme', perSecond: 50 });
  });

  it('declares for a key made from a request body too, in the caller’s tenant', async () => {
    const { manage, last } = setUp();
    const caller: Principal = {
      keyId: 'admin',
      tenant: 'acme',
      scopes: ['keys:manage', 'messages:send'],
      limits: { perSecond: 300, perDay: null },
    };
    await manage.createFromBody({ name: 'sender', scopes: ['messages:send'] }, caller);
    expect(last()).toEqual({ tenant: 'acme', perSecond: 300 });
  });

  it('creates no key when the declaration fails, and answers the failure', async () => {
    const { create, keys, throughput } = setUp();
    await create('acme', 50);
    throughput.failing = new Error('the message table is unavailable');
    await expect(create('acme', 500)).rejects.toThrow('the message table is unavailable');
    expect((await keys.list('acme')).map((key) => key.limits.perSecond)).toEqual([50]);
  });

  it('declares nothing for a request that is refused', async () => {
    const { create, throughput } = setUp();
    await expect(create('Not A Tenant', 50)).rejects.toThrow('The key is invalid');
    expect(throughput.declared).toEqual([]);
  });
});
