/**
 * The contract between the sidecars and the monitoring: the stat names Envoy produces for
 * meshc's listeners and clusters, passed through Envoy's tag extraction with meshc's tags,
 * give exactly the metric names and labels the rules and dashboard query.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATS_TAGS } from '../../src/policies/metrics.js';
import { ENVOY } from '../../src/policies/monitoring/promql.js';
import { names } from '../../src/envoy/names.js';
import { ENVOY_DEFAULT_EXTRACTORS, toSeries } from '../helpers/envoy-stats.js';

const EXTRACTORS = [...ENVOY_DEFAULT_EXTRACTORS, ...STATS_TAGS];
const series = (stat: string) => toSeries(stat, EXTRACTORS, { service: 'frontend' });

test('an outbound cluster stat carries service, direction, peer and version', () => {
  const cluster = names.outboundCluster('catalog', 'v2-canary');
  assert.deepEqual(series(`cluster.${cluster}.upstream_rq_5xx`), {
    name: 'envoy_cluster_upstream_rq_xx',
    labels: {
      service: 'frontend',
      envoy_response_code_class: '5',
      envoy_cluster_name: cluster,
      direction: 'outbound',
      peer: 'catalog',
      version: 'v2-canary',
    },
  });
  assert.deepEqual(series(`cluster.${cluster}.upstream_rq_time`).name, 'envoy_cluster_upstream_rq_time');
  assert.deepEqual(series(`cluster.${cluster}.circuit_breakers.default.rq_open`).name, 'envoy_cluster_circuit_breakers_default_rq_open');
});

test('an inbound cluster stat is inbound, without a peer', () => {
  assert.deepEqual(series(`cluster.${names.inboundCluster('frontend')}.upstream_rq_total`), {
    name: 'envoy_cluster_upstream_rq_total',
    labels: { service: 'frontend', envoy_cluster_name: 'inbound|frontend', direction: 'inbound' },
  });
});

test('connection manager stats carry the direction, and the peer outbound', () => {
  assert.deepEqual(series(`http.${names.inboundStatPrefix('frontend')}.downstream_rq_2xx`), {
    name: 'envoy_http_downstream_rq_xx',
    labels: { service: 'frontend', envoy_response_code_class: '2', envoy_http_conn_manager_prefix: 'inbound|frontend', direction: 'inbound' },
  });
  assert.deepEqual(series(`http.${names.outboundStatPrefix('cart')}.downstream_rq_total`).labels, {
    service: 'frontend',
    envoy_http_conn_manager_prefix: 'outbound|cart',
    direction: 'outbound',
    peer: 'cart',
  });
});

test('every Envoy metric the rules and dashboard query is one the sidecars produce, with its labels', () => {
  const produced = new Map<string, Record<string, string>>();
  const cluster = names.outboundCluster('catalog', 'v1');
  for (const stat of [
    `cluster.${cluster}.upstream_rq_total`,
    `cluster.${cluster}.upstream_rq_5xx`,
    `cluster.${cluster}.upstream_rq_time_bucket`,
    `cluster.${cluster}.upstream_rq_active`,
    `cluster.${cluster}.upstream_rq_pending_overflow`,
    `cluster.${cluster}.circuit_breakers.default.cx_open`,
    `cluster.${cluster}.circuit_breakers.default.rq_open`,
    `cluster.${cluster}.circuit_breakers.default.rq_pending_open`,
    `cluster.${cluster}.circuit_breakers.default.rq_retry_open`,
    `cluster.${cluster}.outlier_detection.ejections_active`,
    `http.${names.inboundStatPrefix('frontend')}.downstream_rq_total`,
    `http.${names.inboundStatPrefix('frontend')}.downstream_rq_5xx`,
    `http.${names.inboundStatPrefix('frontend')}.downstream_rq_time_bucket`,
    'server.memory_allocated',
    'server.memory_heap_size',
    'server.total_connections',
    'listener.0.0.0.0_15006.ssl.fail_verify_error',
    // Rate limits and authz (stat names: test/runtime/stats-and-logs.test.ts).
    `${names.inboundStatPrefix('frontend')}.http_local_rate_limit.rate_limited`,
    `local_ratelimit.${names.inboundStatPrefix('frontend')}.rate_limited`,
    `cluster.${names.inboundCluster('frontend')}.ratelimit.over_limit`,
    `cluster.${names.inboundCluster('frontend')}.ratelimit.error`,
    `cluster.${names.inboundCluster('frontend')}.ratelimit.failure_mode_allowed`,
    `http.${names.inboundStatPrefix('frontend')}.rbac.denied`,
    `${names.inboundStatPrefix('frontend')}.rbac.denied`,
    `http.${names.inboundStatPrefix('frontend')}.rbac.dry_run_shadow_denied`,
    `${names.inboundStatPrefix('frontend')}.rbac.dry_run_shadow_denied`,
    `http.${names.inboundStatPrefix('frontend')}.jwt_authn.denied`,
  ]) {
    const s = series(stat);
    produced.set(s.name, { ...s.labels });
  }
  const queried = [
    ENVOY.upstreamRequests,
    ENVOY.upstreamResponses('5'),
    ENVOY.upstreamLatencyBuckets,
    ENVOY.upstreamActive,
    ENVOY.upstreamPendingOverflow,
    ENVOY.downstreamRequests,
    ENVOY.downstreamResponses('5'),
    ENVOY.downstreamLatencyBuckets,
    ...ENVOY.circuitBreakerOpen,
    ENVOY.ejectionsActive,
    ENVOY.memoryAllocated,
    ENVOY.heapSize,
    ENVOY.downstreamConnections,
    ENVOY.tlsVerifyFailures,
    ENVOY.localRateLimited,
    ENVOY.tcpLocalRateLimited,
    ENVOY.globalOverLimit,
    ENVOY.globalError,
    ENVOY.globalFailOpen,
    ENVOY.authzDenied,
    ENVOY.tcpAuthzDenied,
    ENVOY.authzWouldDeny,
    ENVOY.tcpAuthzWouldDeny,
    ENVOY.jwtDenied,
  ];
  for (const selector of queried) {
    const [, name = '', matchers = ''] = /^([a-z_]+)(?:\{(.*)\})?$/.exec(selector) ?? [];
    const labels = produced.get(name);
    assert.ok(labels, `${name} is queried but no sidecar stat produces it`);
    for (const [, label, value] of matchers.matchAll(/([a-z_]+)="([^"]*)"/g)) {
      assert.equal(labels[label ?? ''] !== undefined, true, `${name} has no label ${label}`);
      if (label === 'direction') assert.ok(['inbound', 'outbound'].includes(value ?? ''));
    }
  }
});
