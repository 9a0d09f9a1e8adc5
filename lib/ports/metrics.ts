import type { Channel } from '../domain/message.schema.js';

/**
 * The service's metrics, as the operators' alarms and dashboard read them (docs/observability.md):
 * each metric's unit and the dimension sets it is emitted under. Every set also carries `service`,
 * which the adapter adds. Dimensions stay few and bounded: never a tenant, a recipient or a key id.
 */
export const METRIC_DEFINITIONS = {
  MessageAccepted: { unit: 'Count', dimensionSets: [['channel', 'mode']] },
  // The per-channel outcomes: the channel's total (what the alarms use) and its split by provider.
  MessageSent: { unit: 'Count', dimensionSets: [['channel'], ['channel', 'provider']] },
  MessageFailed: { unit: 'Count', dimensionSets: [['channel'], ['channel', 'provider', 'errorClass']] },
  MessageDelivered: { unit: 'Count', dimensionSets: [['channel'], ['channel', 'provider']] },
  MessageUndelivered: { unit: 'Count', dimensionSets: [['channel'], ['channel', 'provider']] },
  // A verified receipt whose message was not found (not ours, or no id of ours to read it by).
  ReceiptUnmatched: { unit: 'Count', dimensionSets: [['provider']] },
  ProviderLatency: { unit: 'Milliseconds', dimensionSets: [['provider']] },
  ProviderFailover: { unit: 'Count', dimensionSets: [['channel']] },
  DeliveryRetry: { unit: 'Count', dimensionSets: [['channel']] },
  // A send refused before any provider because the recipient is suppressed (not a MessageFailed).
  MessageSuppressed: { unit: 'Count', dimensionSets: [['channel']] },
  DeadLettered: { unit: 'Count', dimensionSets: [[]] },
  IdempotentReplay: { unit: 'Count', dimensionSets: [[]] },
  AuthRejected: { unit: 'Count', dimensionSets: [['status']] },
  RateLimited: { unit: 'Count', dimensionSets: [[]] },
  // Status webhooks to tenants' endpoints (docs/webhooks.md): totals across every tenant, since an
  // endpoint, a tenant or a URL is never a dimension; the failures also split by their class.
  WebhookDelivered: { unit: 'Count', dimensionSets: [[]] },
  WebhookAttemptFailed: { unit: 'Count', dimensionSets: [[], ['failureClass']] },
  WebhookGaveUp: { unit: 'Count', dimensionSets: [[]] },
  WebhookEndpointDisabled: { unit: 'Count', dimensionSets: [[]] },
  WebhookLatency: { unit: 'Milliseconds', dimensionSets: [[]] },
} as const satisfies Record<
  string,
  { unit: 'Count' | 'Milliseconds'; dimensionSets: readonly (readonly DimensionName[])[] }
>;

/**
 * A failed webhook attempt's class: no answer in time (`timeout`), no connection (`network`), the
 * URL refused by the SSRF check before any request (`refused`), or the receiver's answer by its
 * status class (`3xx`: a redirect, which is not followed; `4xx`; `5xx`).
 */
export const WEBHOOK_FAILURE_CLASSES = ['timeout', 'network', 'refused', '3xx', '4xx', '5xx'] as const;
export type WebhookFailureClass = (typeof WEBHOOK_FAILURE_CLASSES)[number];

/** The value of each dimension a metric may carry. */
export interface DimensionValues {
  channel: Channel;
  /** The provider's name as the configuration lists it (`ses`, `twilio`...); `none` if none was called. */
  provider: string;
  errorClass: 'permanent' | 'retryable';
  mode: 'sync' | 'async';
  status: '401' | '403';
  /** Why a webhook attempt failed (classed where it ends: lib/services/deliver-webhooks.ts). */
  failureClass: WebhookFailureClass;
}
export type DimensionName = keyof DimensionValues;

export type MetricName = keyof typeof METRIC_DEFINITIONS;
type DimensionNameOf<N extends MetricName> = (typeof METRIC_DEFINITIONS)[N]['dimensionSets'][number][number];
/** Exactly the dimensions `name` is emitted with. */
export type DimensionsOf<N extends MetricName> = Pick<DimensionValues, DimensionNameOf<N>>;

/**
 * The metrics port: services record what happened where it happens; the function flushes once per
 * invocation (a Lambda's answer, a worker's batch).
 */
export interface Metrics {
  /** One value of `name` (1 for a count), emitted at the next flush. */
  add<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, value?: number): void;
  /** Emits what was added since the last flush. */
  flush(): void;
}

/** Metrics turned off (locally, by default): nothing recorded, nothing written. */
export const NO_METRICS: Metrics = { add() {}, flush() {} };

/** The error class of a failure, as the MessageFailed metric splits it. */
export const errorClassOf = (retryable: boolean): DimensionValues['errorClass'] =>
  retryable ? 'retryable' : 'permanent';
