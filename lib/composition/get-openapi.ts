import type { RouteDeps } from '../http/api-handler.js';
import { logger } from './basics.js';
import type { Parts } from './parts.js';

/** GET /openapi.json: nothing but the logger; the document is built from code. */
export const openApiDeps = (parts: Parts): RouteDeps => ({ logger: logger(parts) });
