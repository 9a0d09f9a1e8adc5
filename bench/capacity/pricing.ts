/**
 * Dollars per million messages on AWS, from the capacity the model metered and the CPU time the bench
 * measured per invocation. The arithmetic and its assumptions: docs/performance.md, "Cost per
 * message".
 */
import type { CapacityReport } from './model.js';

/** List prices, us-east-1, on-demand, as published in 2025 (USD). */
export const PRICES = {
  /** DynamoDB on-demand, per million write / read request units. */
  dynamodbWrite: 0.625,
  dynamodbRead: 0.125,
  /** Lambda arm64, per GB-second, and per million requests. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequests: 0.2,
  /** API Gateway REST API, per million requests (the first 333 million a month). */
  apiGatewayRest: 3.5,
  /** SQS standard queue, per million requests (64 KB chunks). */
  sqs: 0.4,
} as const;

/** The memory every function is deployed with (infra/constructs/api-function.ts; a stack test checks it). */
export const LAMBDA_MEMORY_MB = 512;
/** Lambda gives a function one full vCPU at 1,769 MB, and CPU in proportion to memory below that. */
const FULL_CPU_MB = 1_769;
/**
 * Assumed, not measured here (no AWS account): the wait of one DynamoDB request from a Lambda in the
 * same region. A provider's own latency, for a sync send, comes on top: see the docs.
 */
export const DYNAMODB_REQUEST_MS = 5;

export interface Invocation {
  name: string;
  /** Invocations per message (a worker's batch of 10 is a tenth of an invocation per message). */
  perMessage: number;
  /** Billed milliseconds per message this function handles. */
  billedMs: number;
}

export interface CostLine {
  item: string;
  quantity: string;
  dollars: number;
}

export interface Cost {
  flow: 'sync' | 'async';
  lines: CostLine[];
  total: number;
  invocations: Invocation[];
}

/**
 * Billed ms of a function that spends `cpuMs` of a full core and makes `requests` DynamoDB (or SQS)
 * requests: its CPU slowed to its memory's share of a vCPU, plus the waits; rounded up to 1 ms.
 */
export const billedMs = (cpuMs: number, requests: number, memoryMb = LAMBDA_MEMORY_MB) =>
  Math.ceil(cpuMs * Math.max(1, FULL_CPU_MB / memoryMb) + requests * DYNAMODB_REQUEST_MS);

/** Per million messages: the flow's DynamoDB units, its Lambda invocations, API requests and SQS requests. */
export function costPerMillion(report: CapacityReport, flow: 'sync' | 'async', cpuMs: number): Cost {
  const step = (prefix: string) => report.scenarios.find((s) => s.name.startsWith(prefix));
  const send = step(flow === 'sync' ? 'sync send' : 'async send');
  const receipt = step(flow === 'sync' ? 'receipt after a sync' : 'receipt after an async');
  const rate = step('rate limiter');
  const wcu = (send?.wcu ?? 0) + (receipt?.wcu ?? 0) + (rate?.wcu ?? 0);
  const rcu = (send?.rcu ?? 0) + (receipt?.rcu ?? 0) + (rate?.rcu ?? 0);
  // The send function: the rate limiter's and the log's requests (and, async, the SQS send); the
  // worker: read, claim, record (in batches of 10); the receipt: find, read, write.
  const invocations: Invocation[] =
    flow === 'sync'
      ? [
          { name: 'send', perMessage: 1, billedMs: billedMs(cpuMs, 3) },
          { name: 'receipt', perMessage: 1, billedMs: billedMs(cpuMs, 3) },
        ]
      : [
          { name: 'send', perMessage: 1, billedMs: billedMs(cpuMs, 3) },
          { name: 'worker', perMessage: 0.1, billedMs: billedMs(cpuMs, 3) },
          { name: 'receipt', perMessage: 1, billedMs: billedMs(cpuMs, 3) },
        ];
  const gbSeconds = invocations.reduce((sum, f) => sum + (f.billedMs / 1000) * (LAMBDA_MEMORY_MB / 1024), 0);
  const requests = invocations.reduce((sum, f) => sum + f.perMessage, 0);
  // SendMessage, and the event source mapping's ReceiveMessage and DeleteMessageBatch per batch of 10.
  const sqsRequests = flow === 'async' ? 1.2 : 0;
  const lines: CostLine[] = [
    {
      item: `DynamoDB writes ($${PRICES.dynamodbWrite}/M WRU)`,
      quantity: `${round(wcu)} WCU`,
      dollars: wcu * PRICES.dynamodbWrite,
    },
    {
      item: `DynamoDB reads ($${PRICES.dynamodbRead}/M RRU)`,
      quantity: `${round(rcu)} RCU`,
      dollars: rcu * PRICES.dynamodbRead,
    },
    {
      item: `Lambda arm64 ${LAMBDA_MEMORY_MB} MB ($${PRICES.lambdaArmGbSecond}/GB-s, $${PRICES.lambdaRequests}/M requests)`,
      quantity: `${invocations.map((f) => `${f.name} ${f.billedMs} ms`).join(', ')}`,
      dollars: gbSeconds * 1e6 * PRICES.lambdaArmGbSecond + requests * PRICES.lambdaRequests,
    },
    {
      item: `API Gateway REST ($${PRICES.apiGatewayRest}/M)`,
      quantity: '2 requests (send, receipt)',
      dollars: 2 * PRICES.apiGatewayRest,
    },
    ...(sqsRequests
      ? [
          {
            item: `SQS ($${PRICES.sqs}/M)`,
            quantity: `${sqsRequests} requests`,
            dollars: sqsRequests * PRICES.sqs,
          },
        ]
      : []),
  ];
  return {
    flow,
    lines: lines.map((line) => ({ ...line, dollars: round(line.dollars, 3) })),
    total: round(
      lines.reduce((sum, line) => sum + line.dollars, 0),
      3,
    ),
    invocations,
  };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The report's markdown lines. */
export function costSection(costs: Cost[], cpuMs: number): string[] {
  return [
    `## Cost per million messages on AWS (list prices, us-east-1)`,
    '',
    `Measured CPU time per warm send invocation: ${round(cpuMs, 3)} ms of a full core; billed at ${LAMBDA_MEMORY_MB} MB (${round(LAMBDA_MEMORY_MB / FULL_CPU_MB, 2)} vCPU) plus ${DYNAMODB_REQUEST_MS} ms per DynamoDB/SQS request (assumed), without the provider's own latency.`,
    '',
    '| flow | item | quantity per message | $ per million messages |',
    '| --- | --- | --- | --- |',
    ...costs.flatMap((cost) => [
      ...cost.lines.map((line) => `| ${cost.flow} | ${line.item} | ${line.quantity} | ${line.dollars} |`),
      `| ${cost.flow} | **total** | | **${cost.total}** |`,
    ]),
    '',
  ];
}
