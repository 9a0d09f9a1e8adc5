import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { MessageRecord } from './message.schema.js';

/** One failing field of a request, and why. */
export const ErrorDetailSchema = /* @__PURE__ */ lazy(() =>
  z.object({ field: z.string(), message: z.string() }),
);

/**
 * The one error body of the API. Some codes add members to `error` (`supportedTypes`,
 * `requiredScope`, `retryable`); a failed send adds the `failed` record as `message`.
 */
export const ErrorBody = /* @__PURE__ */ lazy(() =>
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.array(built(ErrorDetailSchema))),
      requestId: z.string(),
      supportedTypes: z.optional(z.array(z.string())),
      requiredScope: z.optional(z.string()),
      retryable: z.optional(z.boolean()),
    }),
    message: z.optional(built(MessageRecord)),
  }),
);
export type ErrorBody = z.infer<typeof ErrorBody>;
