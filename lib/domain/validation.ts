import type * as z from '../zod.js';
import { type ErrorDetail, UnsupportedTypeError, ValidationError } from './errors.js';
import {
  AnyChannelRequest,
  CHANNEL_REQUEST_FIELDS,
  CHANNELS,
  type Channel,
  ListMessagesQuery,
  SCHEDULE_MAX_AHEAD_MS,
  type SendMessageRequest,
} from './message.schema.js';

/**
 * What a `sendAt` is checked against: now (epoch ms), and the longest delay the deployment's queue
 * takes (undefined: any up to 30 days; null: there is no queue, so nothing can be scheduled).
 */
export interface ScheduleWindow {
  now: number;
  maxDelayMs?: number | null | undefined;
  /** Why this deployment takes no `sendAt` at all, where it does not (e.g. LOG_CONTENT=redacted). */
  refused?: string | undefined;
}

const MINUTE_MS = 60_000;

/** Why a well-formed `sendAt` cannot be honoured, or undefined. */
export function sendAtProblem(sendAt: string, window: ScheduleWindow): string | undefined {
  const ahead = Date.parse(sendAt) - window.now;
  if (Number.isNaN(ahead)) return undefined; // malformed: the schema says so
  if (ahead < 0) return 'must not be in the past';
  if (window.refused) return window.refused;
  if (window.maxDelayMs === null) return 'cannot be honoured: this deployment has no delivery queue';
  if (ahead > SCHEDULE_MAX_AHEAD_MS)
    return `must be at most ${SCHEDULE_MAX_AHEAD_MS / 86_400_000} days ahead`;
  if (window.maxDelayMs !== undefined && ahead > window.maxDelayMs)
    return `must be at most ${Math.floor(window.maxDelayMs / MINUTE_MS)} minutes ahead on this deployment (it has no scheduler)`;
  return undefined;
}

/**
 * The `sendAt` detail of a body whose `sendAt` is out of range, if any; none where `reported` already
 * names it (malformed).
 */
function sendAtDetails(
  body: Record<string, unknown>,
  window: ScheduleWindow | undefined,
  reported: readonly ErrorDetail[] = [],
): ErrorDetail[] {
  if (!window || typeof body.sendAt !== 'string') return [];
  if (reported.some((detail) => detail.field === 'sendAt')) return [];
  const problem = sendAtProblem(body.sendAt.trim(), window);
  return problem ? [{ field: 'sendAt', message: problem }] : [];
}

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

/**
 * Validates the body of `POST /sendMessage` (or one item of a batch); throws naming every failing
 * field. With a `schedule` window, a `sendAt` is also checked against the clock and the queue.
 */
export function parseSendMessageRequest(body: unknown, schedule?: ScheduleWindow): SendMessageRequest {
  if (!isPlainObject(body)) throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);

  const type = body.type;
  if (typeof type === 'string' && (CHANNELS as readonly string[]).includes(type)) {
    const parsed = CHANNEL_REQUEST_FIELDS[type as Channel].safeParse(body);
    if (parsed.success) {
      const late = sendAtDetails(parsed.data, schedule);
      if (late.length === 0) return parsed.data;
      throw new ValidationError(late);
    }
    const details = toDetails(parsed.error.issues);
    throw new ValidationError([...details, ...sendAtDetails(body, schedule, details)]);
  }

  // Without a known channel its rules cannot apply: report `type` and what else is wrong in any channel.
  const others = AnyChannelRequest.safeParse(body);
  const reported = others.success ? [] : toDetails(others.error.issues);
  const rest = [...reported, ...sendAtDetails(body, schedule, reported)];
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
