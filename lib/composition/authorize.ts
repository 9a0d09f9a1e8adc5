import type { Logger } from '../logger.js';
import type { Authenticate } from '../services/authenticate.js';
import { logger } from './basics.js';
import { authenticate } from './keys.js';
import type { Parts } from './parts.js';

export interface AuthorizerDeps {
  logger: Logger;
  authenticate: Authenticate;
}

/** The API's authorizer: the keys table, read (and each key's last use written). */
export function authorizerDeps(parts: Parts, options = { required: true }): AuthorizerDeps {
  return { logger: logger(parts), authenticate: authenticate(parts, options) };
}
