import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { ReceiptSettings } from '../receipts/settings.js';
import { makeRecordReceipt, type RecordReceipt } from '../services/record-receipt.js';
import { clock, logger, metrics } from './basics.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';

export interface ReceiptFunctionDeps {
  logger: Logger;
  metrics?: Metrics;
  recordReceipt: RecordReceipt;
  config: { receipts: ReceiptSettings };
}

/** The providers' webhooks: their settings (secrets), the log. */
export function receiptDeps(parts: Parts, receipts: ReceiptSettings): ReceiptFunctionDeps {
  return {
    logger: logger(parts),
    metrics: metrics(parts),
    recordReceipt: parts.once('recordReceipt', () =>
      makeRecordReceipt({
        log: messageLog(parts),
        logger: logger(parts),
        clock: clock(parts),
        metrics: metrics(parts),
      }),
    ),
    config: { receipts },
  };
}
