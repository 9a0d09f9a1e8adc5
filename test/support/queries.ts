import { DEFAULT_TENANT } from '../../lib/domain/api-key.js';
import type { TenantListQuery } from '../../lib/domain/message.schema.js';
import { parseListQuery } from '../../lib/domain/validation.js';

/** A list query string, parsed as the API does, within a tenant (the default one unless given). */
export const listQuery = (
  params: Record<string, string | undefined> | null,
  tenant: string = DEFAULT_TENANT,
): TenantListQuery => ({ ...parseListQuery(params), tenant });
