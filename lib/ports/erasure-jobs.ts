import type { ErasureJob } from '../domain/erasure.js';

/** The erasure jobs port: the record of each erasure, found by its id. */
export interface ErasureJobStore {
  /** Rejects an id that is taken. */
  create(job: ErasureJob): Promise<void>;
  /** By id, whatever its tenant: the service checks the tenant (another tenant's id is a 404). */
  get(id: string): Promise<ErasureJob | undefined>;
  close(): Promise<void>;
}
