import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { ErrorBody } from './error-body.js';
import { MessageRecord } from './message.schema.js';

/** How many messages one `POST /messages/batch` may hold. */
export const BATCH_MAX_MESSAGES = 100;

/**
 * The body of `POST /messages/batch`: the list only. Each item is validated on its own, as
 * `/sendMessage`'s body (`parseSendMessageRequest`), so that one bad item fails alone.
 */
export const SendBatchRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    messages: z
      .array(z.unknown(), {
        error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array'),
      })
      .check(
        z.minLength(1, 'must hold at least one message'),
        z.maxLength(BATCH_MAX_MESSAGES, `must hold at most ${BATCH_MAX_MESSAGES} messages`),
      ),
  }),
);
export type SendBatchRequest = z.infer<typeof SendBatchRequest>;

/** One item's result: the queued (or scheduled) record, or the error body that item alone got. */
export const BatchResult = /* @__PURE__ */ lazy(() =>
  z.union([
    z.object({ status: z.literal(202), message: built(MessageRecord) }),
    z.object({ status: z.int().check(z.minimum(400), z.maximum(599)), error: built(ErrorBody).shape.error }),
  ]),
);
export type BatchResult = z.infer<typeof BatchResult>;

/** The 207 answer: one result per message, in the request's order. */
export const BatchAnswer = /* @__PURE__ */ lazy(() => z.object({ results: z.array(built(BatchResult)) }));
export type BatchAnswer = z.infer<typeof BatchAnswer>;
