import type { Clock, IdGenerator } from '../domain/clock.js';
import { createIdGenerator } from '../ids.js';
import { createLogger, type Logger } from '../logger.js';
import type { Parts } from './parts.js';

export const logger = (parts: Parts): Logger =>
  parts.overrides.logger ??
  parts.once('logger', () => createLogger({ level: parts.settings.service.logLevel }));

export const clock = (parts: Parts): Clock =>
  parts.overrides.clock ?? parts.once('clock', () => () => new Date());

export const newId = (parts: Parts): IdGenerator =>
  parts.overrides.newId ?? parts.once('newId', () => createIdGenerator());

/** What every API route's function has: its logger, and the browser origin its answers allow. */
export const routeBasics = (parts: Parts) => ({
  logger: logger(parts),
  corsOrigin: parts.settings.service.corsOrigin,
});
