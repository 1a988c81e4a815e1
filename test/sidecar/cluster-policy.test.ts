/**
 * circuitBreaker.maxRequestsPerConnection: in the callee cluster's HttpProtocolOptions, which
 * upstream-protocol owns; and a version's own cluster policy, on that version's cluster only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamProtocol } from '../../src/policies/upstream-protocol.js';
import { circuitBreaker } from '../../src/policies/circuit-breaker.js';
import { timeouts } from '../../src/policies/timeouts.js';
import { BUILTIN } from '../../src/dsl/builtin.js';
import { callerAndCallee, fixtureService, fixtureVersion, sidecarWithOnly } from '../helpers/ir.js';
import type { ServiceIR } from '../../src/ir/types.js';
import { check } from '../validate/helpers.js';

const OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

function calleeOptions(protocol: ServiceIR['protocol'], maxRequestsPerConnection?: number): unknown {
  const callee = fixtureService('api', {
    protocol,
    cluster: {
      connectTimeoutMs: BUILTIN.connectTimeoutMs,
      loadBalancer: { policy: 'round-robin' },
      circuitBreaker: { ...BUILTIN.circuitBreaker, ...(maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection } : {}) },
    },
  });
  const cluster = sidecarWithOnly([upstreamProtocol], callerAndCallee(callee)).bootstrap.static_resources.clusters.find((c) => c.name === 'outbound|api|v1');
  const options = cluster?.typed_extension_protocol_options?.[OPTIONS] as Record<string, unknown> | undefined;
  if (!options) return undefined;
  const { '@type': _type, ...fields } = options;
  return fields;
}

test('an HTTP/1.1 callee gets the limit with HTTP/1.1 kept explicit; an HTTP/2 one beside its HTTP/2 settings', () => {
  assert.deepEqual(calleeOptions('http', 100), { common_http_protocol_options: { max_requests_per_connection: 100 }, explicit_http_config: { http_protocol_options: {} } });
  assert.deepEqual(calleeOptions('grpc', 1000), { common_http_protocol_options: { max_requests_per_connection: 1000 }, explicit_http_config: { http2_protocol_options: {} } });
});

test('without the limit an HTTP/1.1 callee gets no protocol options at all, and tcp never does', () => {
  assert.equal(calleeOptions('http'), undefined);
  assert.equal(calleeOptions('tcp', 10), undefined);
});

test('on a tcp service the limit is reported where written', () => {
  const text = [
    'apiVersion: meshc/v1',
    'services:',
    '  db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.1] } }, circuitBreaker: { maxRequestsPerConnection: 5 } }',
  ].join('\n');
  assert.deepEqual(check(text), ['http-feature-on-tcp@mesh.yaml:3:99']);
});

test('a version with its own cluster policy gets its own limits; the other versions keep the service\u2019s', () => {
  const own = { ...BUILTIN.circuitBreaker, maxRequests: 50, maxRequestsPerConnection: 7 };
  const callee = fixtureService('api', {
    versions: [
      { ...fixtureVersion('v1', '10.0.0.1') },
      { ...fixtureVersion('v2', '10.0.0.2'), cluster: { connectTimeoutMs: 250, loadBalancer: { policy: 'round-robin' }, circuitBreaker: own } },
    ],
  });
  const clusters = sidecarWithOnly([circuitBreaker, upstreamProtocol, timeouts], callerAndCallee(callee)).bootstrap.static_resources.clusters;
  const limits = (name: string) => (clusters.find((c) => c.name === name)?.circuit_breakers as { thresholds: { max_requests: number }[] } | undefined)?.thresholds[0]?.max_requests;
  assert.deepEqual([limits('outbound|api|v1'), limits('outbound|api|v2')], [BUILTIN.circuitBreaker.maxRequests, 50]);
  assert.deepEqual(clusters.find((c) => c.name === 'outbound|api|v2')?.connect_timeout, '0.250s');
  const perConnection = (name: string) =>
    (clusters.find((c) => c.name === name)?.typed_extension_protocol_options?.[OPTIONS] as { common_http_protocol_options?: unknown } | undefined)?.common_http_protocol_options;
  assert.deepEqual([perConnection('outbound|api|v1'), perConnection('outbound|api|v2')], [undefined, { max_requests_per_connection: 7 }]);
});
