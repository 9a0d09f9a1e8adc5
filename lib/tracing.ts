/**
 * Traces (X-Ray) of the calls a function makes, through Powertools' Tracer: each AWS SDK client
 * handed to `traced` gets a subsegment per call, and the providers' HTTP calls (fetch) get theirs
 * from the Tracer itself. Off unless TRACING=on: the Tracer and the X-Ray SDK weigh 124 KB and add
 * tens of milliseconds to a cold start (docs/observability.md), so a build without TRACING=on leaves
 * them out (the bundler defines `process.env.MESSAGING_BUNDLE_TRACING` as "false"; infra/bundling.ts).
 */

interface Instrumentable {
  middlewareStack: unknown;
}

let instrument: (<T extends Instrumentable>(client: T) => T) | undefined;

/** The client, traced once tracing has started in this process; else the client as it is. */
export const traced = <T extends Instrumentable>(client: T): T => (instrument ? instrument(client) : client);

/** Loads the Tracer and traces every client built from now on. Once per process (a Lambda container). */
export async function startTracing(serviceName: string): Promise<void> {
  if (instrument) return;
  // A constant condition once bundled, so that the bundler drops the import where it is "false".
  const { Tracer } = await (process.env.MESSAGING_BUNDLE_TRACING === 'false'
    ? Promise.reject(new Error('tracing was left out of this build; deploy with TRACING=on'))
    : import('@aws-lambda-powertools/tracer'));
  const tracer = new Tracer({ serviceName });
  instrument = (client) => tracer.captureAWSv3Client(client);
}
