/**
 * The metrics contract between the sidecars (policies/metrics.ts) and the monitoring meshc
 * writes: Envoy's metric names as Prometheus sees them after tag extraction, meshc's labels,
 * and the recording rules everything else is built on.
 */
export const LABELS = {
  mesh: 'mesh',
  service: 'service',
  peer: 'peer',
  version: 'version',
  direction: 'direction',
} as const;

/** Per caller → callee version: who called whom. */
export const EDGE = `${LABELS.mesh}, ${LABELS.service}, ${LABELS.peer}, ${LABELS.version}`;
export const SERVICE = `${LABELS.mesh}, ${LABELS.service}`;

const OUTBOUND = `${LABELS.direction}="outbound"`;
const INBOUND = `${LABELS.direction}="inbound"`;

export const ENVOY = {
  upstreamRequests: `envoy_cluster_upstream_rq_total{${OUTBOUND}}`,
  upstreamResponses: (codeClass: string) => `envoy_cluster_upstream_rq_xx{${OUTBOUND}, envoy_response_code_class="${codeClass}"}`,
  upstreamLatencyBuckets: `envoy_cluster_upstream_rq_time_bucket{${OUTBOUND}}`,
  upstreamActive: `envoy_cluster_upstream_rq_active{${OUTBOUND}}`,
  upstreamPendingOverflow: `envoy_cluster_upstream_rq_pending_overflow{${OUTBOUND}}`,
  downstreamRequests: `envoy_http_downstream_rq_total{${INBOUND}}`,
  downstreamResponses: (codeClass: string) => `envoy_http_downstream_rq_xx{${INBOUND}, envoy_response_code_class="${codeClass}"}`,
  downstreamLatencyBuckets: `envoy_http_downstream_rq_time_bucket{${INBOUND}}`,
  circuitBreakerOpen: ['cx_open', 'rq_open', 'rq_pending_open', 'rq_retry_open'].map((g) => `envoy_cluster_circuit_breakers_default_${g}{${OUTBOUND}}`),
  ejectionsActive: `envoy_cluster_outlier_detection_ejections_active{${OUTBOUND}}`,
  memoryAllocated: 'envoy_server_memory_allocated',
  heapSize: 'envoy_server_memory_heap_size',
  downstreamConnections: 'envoy_server_total_connections',
  tlsVerifyFailures: 'envoy_listener_ssl_fail_verify_error',
  localRateLimited: `envoy_http_local_rate_limit_rate_limited{${INBOUND}}`,
  tcpLocalRateLimited: `envoy_local_ratelimit_rate_limited{${INBOUND}}`,
  globalOverLimit: `envoy_cluster_ratelimit_over_limit{${INBOUND}}`,
  globalError: `envoy_cluster_ratelimit_error{${INBOUND}}`,
  /** Requests let through because the rate-limit service failed and `failOpen` is on. */
  globalFailOpen: `envoy_cluster_ratelimit_failure_mode_allowed{${INBOUND}}`,
  authzDenied: `envoy_http_rbac_denied{${INBOUND}}`,
  tcpAuthzDenied: `envoy_rbac_denied{${INBOUND}}`,
  /** Requests dry-run authz would deny (shadow rules, prefix dry_run_). */
  authzWouldDeny: `envoy_http_rbac_dry_run_shadow_denied{${INBOUND}}`,
  tcpAuthzWouldDeny: `envoy_rbac_dry_run_shadow_denied{${INBOUND}}`,
  jwtDenied: `envoy_http_jwt_authn_denied{${INBOUND}}`,
} as const;

/** Written by `meshc certs status --format prometheus` for the node exporter's textfile collector. */
export const CERTIFICATE_EXPIRY = 'meshc_certificate_expiry_timestamp_seconds';

/** Recording rules: the per-edge and per-service series the dashboard and alerts read. */
export const RECORDED = {
  edgeRequests: 'meshc:edge_requests:rate1m',
  edgeErrors: 'meshc:edge_5xx:rate1m',
  edgeErrorRatio: 'meshc:edge_5xx_ratio:rate1m',
  edgeResponses: 'meshc:edge_responses:rate1m',
  edgeLatency: (q: number) => `meshc:edge_latency_ms:p${Math.round(q * 100)}`,
  serviceRequests: 'meshc:service_requests:rate1m',
  serviceErrorRatio: 'meshc:service_5xx_ratio:rate1m',
  serviceLatency: (q: number) => `meshc:service_latency_ms:p${Math.round(q * 100)}`,
} as const;

export const QUANTILES = [0.5, 0.9, 0.99] as const;
