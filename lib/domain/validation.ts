import type * as z from '../zod.js';
import { type ErrorDetail, UnsupportedTypeError, ValidationError } from './errors.js';
import {
  AnyChannelRequest,
  CHANNEL_REQUESTS,
  CHANNELS,
  type Channel,
  ListMessagesQuery,
  type SendMessageRequest,
} from './message.schema.js';

/** One detail per failing field; an unknown key is named as the field it is. */
export function toDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: key,
        message: key === 'subject' ? 'is only allowed for email' : 'is not a known field',
      }));
    }
    return [{ field: issue.path.length > 0 ? issue.path.join('.') : 'body', message: issue.message }];
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates the body of `POST /sendMessage`; throws naming every failing field. */
export function parseSendMessageRequest(body: unknown): SendMessageRequest {
  if (!isPlainObject(body)) throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);

  const type = body.type;
  if (typeof type === 'string' && (CHANNELS as readonly string[]).includes(type)) {
    const parsed = CHANNEL_REQUESTS[type as Channel].safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ValidationError(toDetails(parsed.error.issues));
  }

  // Without a known channel its rules cannot apply: report `type` and what else is wrong in any channel.
  const others = AnyChannelRequest.safeParse(body);
  const rest = others.success ? [] : toDetails(others.error.issues);
  if (type === undefined) throw new ValidationError([{ field: 'type', message: 'is required' }, ...rest]);
  throw new UnsupportedTypeError(
    [
      {
        field: 'type',
        message: `${JSON.stringify(type)} is not supported; use one of ${CHANNELS.join(', ')}`,
      },
      ...rest,
    ],
    CHANNELS,
  );
}

/** Validates the query string of `GET /messages`. */
export function parseListQuery(query: Record<string, string | undefined> | null): ListMessagesQuery {
  const parsed = ListMessagesQuery.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(toDetails(parsed.error.issues), 'Query string is invalid');
}
