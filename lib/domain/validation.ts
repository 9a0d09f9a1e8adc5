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

const METADATA_PREFIX = 'metadata.';

/**
 * Validates the query string of `GET /messages`. A `metadata.<key>=<value>` parameter becomes the
 * query's `metadata` filter; one at a time, since each is an index of its own (docs/dynamodb.md).
 */
export function parseListQuery(query: Record<string, string | undefined> | null): ListMessagesQuery {
  const input: Record<string, unknown> = {};
  const filters: { key: string; value: string | undefined }[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (name.startsWith(METADATA_PREFIX)) filters.push({ key: name.slice(METADATA_PREFIX.length), value });
    else input[name] = value;
  }
  if (filters.length > 1)
    throw new ValidationError(
      filters.map(({ key }) => ({
        field: `${METADATA_PREFIX}${key}`,
        message: 'only one metadata filter at a time',
      })),
      'Query string is invalid',
    );
  const [filter] = filters;
  if (filter) input.metadata = filter;
  const parsed = ListMessagesQuery.safeParse(input);
  if (parsed.success) return parsed.data;
  // `metadata.key` / `metadata.value` name the parameter as it was written.
  const details = toDetails(parsed.error.issues).map((detail) =>
    filter && detail.field.startsWith('metadata')
      ? {
          field: `${METADATA_PREFIX}${filter.key}`,
          message: `${detail.field === 'metadata.key' ? 'key ' : ''}${detail.message}`,
        }
      : detail,
  );
  throw new ValidationError(details, 'Query string is invalid');
}
