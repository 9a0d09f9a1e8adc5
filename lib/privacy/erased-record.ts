import { ERASED, type MessageRecord } from '../domain/message.schema.js';

/**
 * A copy of a message record (a webhook's `data`) as erasure leaves the record itself: the
 * recipient's keyed hash, `[erased]` for every part with content, no Meta template parameters and
 * no digest. The SQLite log does the same in SQL, in the erasure's own transaction.
 */
export function erasedRecordCopy(record: MessageRecord, recipientHash: string): MessageRecord {
  const { metaTemplate: _metaTemplate, contentDigest: _contentDigest, ...kept } = record;
  return {
    ...kept,
    recipient: recipientHash,
    content: ERASED,
    subject: record.subject === null ? null : ERASED,
    error: record.error && { ...record.error, message: ERASED },
    ...(record.html === undefined ? {} : { html: ERASED }),
  };
}
