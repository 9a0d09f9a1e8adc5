import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { Authenticate } from '../services/authenticate.js';
import { logger, metrics } from './basics.js';
import { authenticate } from './keys.js';
import type { Parts } from './parts.js';

export interface AuthorizerDeps {
  logger: Logger;
  metrics?: Metrics;
  authenticate: Authenticate;
}

/** The API's authorizer: the keys table, read (and each key's last use written). */
export function authorizerDeps(parts: Parts, options = { required: true }): AuthorizerDeps {
  return { logger: logger(parts), metrics: metrics(parts), authenticate: authenticate(parts, options) };
}
