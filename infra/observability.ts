/** The deployment's metrics and traces (docs/observability.md). */
export interface ObservabilityProps {
  /** The CloudWatch namespace of the service's metrics (default `Messaging`). */
  metricsNamespace?: string;
  /** The `service` dimension of every metric (default `messaging`). */
  serviceName?: string;
  /**
   * Powertools' Tracer around the AWS SDK clients and the providers' HTTP calls (default off: it
   * adds 124 KB to each bundle and tens of milliseconds to each cold start).
   */
  tracing?: boolean;
}

/** The variables every function gets for them. */
export const observabilityEnvironment = (props: ObservabilityProps): Record<string, string> => ({
  METRICS_NAMESPACE: props.metricsNamespace ?? 'Messaging',
  POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'messaging',
  TRACING: props.tracing ? 'on' : 'off',
});
