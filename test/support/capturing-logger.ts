import { createLogger } from '../../lib/logger.js';

/** A logger that keeps its lines, parsed, and their raw text (to check that no secret leaks). */
export function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return {
    logger,
    raw: () => lines.join('\n'),
    lines: () =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; level: string }),
  };
}
