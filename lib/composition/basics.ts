import { PowertoolsMetrics } from '../adapters/powertools/metrics.js';
import type { Clock, IdGenerator } from '../domain/clock.js';
import { createIdGenerator } from '../ids.js';
import { createLogger, type Logger } from '../logger.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { Parts } from './parts.js';

export const logger = (parts: Parts): Logger =>
  parts.overrides.logger ??
  parts.once('logger', () => createLogger({ level: parts.settings.service.logLevel }));

export const clock = (parts: Parts): Clock =>
  parts.overrides.clock ?? parts.once('clock', () => () => new Date());

export const newId = (parts: Parts): IdGenerator =>
  parts.overrides.newId ?? parts.once('newId', () => createIdGenerator());

/** The metrics: EMF lines through Powertools where METRICS=emf (on Lambda), else nothing. */
export const metrics = (parts: Parts): Metrics =>
  parts.overrides.metrics ??
  parts.once('metrics', () => {
    const { kind, namespace, serviceName } = parts.settings.service.metrics;
    return kind === 'emf'
      ? new PowertoolsMetrics({ namespace, serviceName, logger: logger(parts) })
      : NO_METRICS;
  });

/**
 * What every API route's function has: its logger, its metrics, and the browser origin its answers
 * allow.
 */
export const routeBasics = (parts: Parts) => ({
  logger: logger(parts),
  metrics: metrics(parts),
  corsOrigin: parts.settings.service.corsOrigin,
});
