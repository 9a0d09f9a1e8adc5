import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErasureJob } from '../../lib/domain/erasure.js';
import type { ErasureJobStore } from '../../lib/ports/erasure-jobs.js';

const job = (overrides: Partial<ErasureJob> = {}): ErasureJob => ({
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
  tenant: 'acme',
  status: 'completed',
  erased: 3,
  recipientHash: 'ab'.repeat(32),
  createdAt: '2026-11-27T10:00:00.000Z',
  completedAt: '2026-11-27T10:00:01.500Z',
  ...overrides,
});

/** The erasure jobs port's contract, run against every adapter. */
export function erasureJobStoreContract(
  name: string,
  open: () => Promise<{ store: ErasureJobStore; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let store: ErasureJobStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      dispose = opened.cleanup;
    });
    afterEach(async () => dispose());

    it('round-trips every field of a job, and keeps jobs apart', async () => {
      const first = job();
      const second = job({
        id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5F',
        tenant: 'beta',
        status: 'incomplete',
        erased: 0,
      });
      await store.create(first);
      await store.create(second);
      expect(await store.get(first.id)).toEqual(first);
      expect(await store.get(second.id)).toEqual(second);
    });

    it('answers undefined for an unknown id', async () => {
      expect(await store.get('01JD0Y4ZQ9R6T3K1M8XW2B7C5X')).toBeUndefined();
      expect(await store.get('')).toBeUndefined();
    });

    it('rejects a second job with the same id and keeps the first', async () => {
      await store.create(job());
      await expect(store.create(job({ erased: 9 }))).rejects.toThrow();
      expect(await store.get(job().id)).toEqual(job());
    });
  });
}
