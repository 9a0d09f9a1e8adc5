import middy from '@middy/core';
import { type MessageStreamWindowEvent, streamChanges } from '../lib/adapters/dynamodb/message-stream.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { type CountStatsDeps, countStatsDeps } from '../lib/composition/stats.js';

/**
 * The stats consumer: the message table's stream, in tumbling windows (infra: one window per stream
 * shard at a time). Each invocation sums its records into the window's state; the window's last
 * adds the sums to the counters, idempotently per stream shard and position (docs/dynamodb.md). A
 * failure throws: Lambda then retries from the window's start, and the counters skip what they hold.
 */
export const createHandler = (deps: () => CountStatsDeps | Promise<CountStatsDeps>) =>
  middy<MessageStreamWindowEvent, { state: Record<string, string> }>().handler(async (event) => {
    const { countStats, logger } = await deps();
    if (!event.shardId)
      throw new Error('the stats consumer needs a tumbling window (TumblingWindowInSeconds)');
    const final = event.isFinalInvokeForWindow === true || event.isWindowTerminatedEarly === true;
    const state = await countStats({
      source: event.shardId,
      state: event.state ?? {},
      changes: streamChanges(event.Records),
      final,
    });
    if (final) logger.info('stats window counted', { shardId: event.shardId, window: event.window });
    return { state };
  });

export const handler = createHandler(lambdaDeps(countStatsDeps));
