import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { ReceiptSettings } from '../receipts/settings.js';
import { makeRecordKeyword, type RecordKeyword } from '../services/record-keyword.js';
import { makeRecordReceipt, type RecordReceipt } from '../services/record-receipt.js';
import { clock, logger, metrics } from './basics.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';
import { suppressionList } from './suppressions.js';

export interface ReceiptFunctionDeps {
  logger: Logger;
  metrics?: Metrics;
  recordReceipt: RecordReceipt;
  recordKeyword: RecordKeyword;
  config: { receipts: ReceiptSettings };
}

/** The providers' webhooks: their settings (secrets), the log, the suppression list. */
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
        suppressions: suppressionList(parts),
      }),
    ),
    recordKeyword: parts.once('recordKeyword', () =>
      makeRecordKeyword({
        list: suppressionList(parts),
        clock: clock(parts),
        tenant: receipts.inboundTenant,
      }),
    ),
    config: { receipts },
  };
}
