import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { anyRecipient } from './recipient.js';

/** `POST /erasures`: whom to erase, normalized as on sending. */
export const ErasureRequest = /* @__PURE__ */ lazy(() => z.strictObject({ recipient: built(anyRecipient) }));
export type ErasureRequest = z.infer<typeof ErasureRequest>;

/**
 * `completed`: every message of the tenant to the recipient was erased. `incomplete`: the request's
 * time ran out first; posting the same erasure again goes on with the messages left (an erased
 * message is no longer found by the recipient).
 */
export const ERASURE_STATUSES = ['completed', 'incomplete'] as const;

/** An erasure job as kept and answered: never the recipient, only its keyed hash. */
export const ErasureJob = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    tenant: z.string(),
    status: z.enum(ERASURE_STATUSES),
    /** The messages erased by this job. */
    erased: z.int().check(z.nonnegative()),
    /** The keyed hash that now stands for the recipient in the erased messages. */
    recipientHash: z.string(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime(),
  }),
);
export type ErasureJob = z.infer<typeof ErasureJob>;
