/**
 * _mesh/rules.yml: recording rules per edge and per service (request rate, 5xx ratio,
 * p50/p90/p99 latency) and the alerts built on them: 5xx ratio, circuit breaker open,
 * endpoints ejected, certificates expiring, TLS peers failing verification.
 */
import type { MeshIR } from '../../ir/types.js';
import { CERTIFICATE_EXPIRY, EDGE, ENVOY, QUANTILES, RECORDED, SERVICE } from './promql.js';

interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

const MIN_EDGE_RATE = 0.05;

export function prometheusRules(mesh: MeshIR): unknown {
  return {
    groups: [
      { name: `meshc-${mesh.name}-edges`, rules: edgeRules() },
      { name: `meshc-${mesh.name}-services`, rules: serviceRules() },
      { name: `meshc-${mesh.name}-alerts`, rules: alerts(mesh) },
    ],
  };
}

function edgeRules(): RecordingRule[] {
  return [
    { record: RECORDED.edgeRequests, expr: `sum by (${EDGE}) (rate(${ENVOY.upstreamRequests}[1m]))` },
    { record: RECORDED.edgeErrors, expr: `sum by (${EDGE}) (rate(${ENVOY.upstreamResponses('5')}[1m]))` },
    { record: RECORDED.edgeErrorRatio, expr: `${RECORDED.edgeErrors} / ${RECORDED.edgeRequests}` },
    {
      record: RECORDED.edgeResponses,
      expr: `sum by (${EDGE}, envoy_response_code_class) (rate(envoy_cluster_upstream_rq_xx{direction="outbound"}[1m]))`,
    },
    ...QUANTILES.map((q) => ({
      record: RECORDED.edgeLatency(q),
      expr: `histogram_quantile(${q}, sum by (${EDGE}, le) (rate(${ENVOY.upstreamLatencyBuckets}[5m])))`,
    })),
  ];
}

function serviceRules(): RecordingRule[] {
  return [
    { record: RECORDED.serviceRequests, expr: `sum by (${SERVICE}) (rate(${ENVOY.downstreamRequests}[1m]))` },
    {
      record: RECORDED.serviceErrorRatio,
      expr: `sum by (${SERVICE}) (rate(${ENVOY.downstreamResponses('5')}[1m])) / ${RECORDED.serviceRequests}`,
    },
    ...QUANTILES.map((q) => ({
      record: RECORDED.serviceLatency(q),
      expr: `histogram_quantile(${q}, sum by (${SERVICE}, le) (rate(${ENVOY.downstreamLatencyBuckets}[5m])))`,
    })),
  ];
}

function alerts(mesh: MeshIR): AlertingRule[] {
  const { errorRatio, certificateExpiryMs } = mesh.observability.alerts;
  const expirySeconds = Math.round(certificateExpiryMs / 1000);
  return [
    {
      alert: 'MeshcEdgeHigh5xxRatio',
      expr: `${RECORDED.edgeErrorRatio} > ${errorRatio} and ${RECORDED.edgeRequests} > ${MIN_EDGE_RATE}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.service }} → {{ $labels.peer }} {{ $labels.version }}: {{ $value | humanizePercentage }} of requests fail with 5xx',
        description: `More than ${errorRatio * 100}% of the requests ${'{{ $labels.service }}'} sends to ${'{{ $labels.peer }}'} (${'{{ $labels.version }}'}) have failed with a 5xx for 5 minutes.`,
      },
    },
    {
      alert: 'MeshcCircuitBreakerOpen',
      expr: `max by (${EDGE}) (${ENVOY.circuitBreakerOpen.join(' or ')}) > 0`,
      for: '1m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.service }} → {{ $labels.peer }} {{ $labels.version }}: circuit breaker open',
        description: 'A connection, request, pending-request or retry limit of this edge has been reached for a minute: requests are being rejected with 503 (response flag UO).',
      },
    },
    {
      alert: 'MeshcUpstreamEjections',
      expr: `sum by (${EDGE}) (${ENVOY.ejectionsActive}) > 0`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.service }} → {{ $labels.peer }} {{ $labels.version }}: {{ $value }} endpoint(s) ejected',
        description: 'Outlier detection has kept endpoints of this version out of load balancing for 5 minutes.',
      },
    },
    {
      alert: 'MeshcCertificateExpiringSoon',
      expr: `min by (trust_domain, workload) (${CERTIFICATE_EXPIRY}) - time() < ${expirySeconds}`,
      for: '10m',
      labels: { severity: 'critical' },
      annotations: {
        summary: '{{ $labels.workload }}: certificate expires in {{ $value | humanizeDuration }}',
        description: 'The workload certificate is close to expiry and has not been rotated (meshc certs rotate). When it expires, mutual TLS with this workload fails.',
      },
    },
    {
      alert: 'MeshcTlsVerificationFailures',
      expr: `sum by (${SERVICE}) (rate(${ENVOY.tlsVerifyFailures}[5m])) > 0`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.service }}: TLS peers failing certificate verification',
        description: 'Connections to the inbound side are refused because the peer certificate does not verify (expired, wrong CA, or another trust domain).',
      },
    },
  ];
}
