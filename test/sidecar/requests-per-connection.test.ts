/** circuitBreaker.maxRequestsPerConnection: in the callee cluster's HttpProtocolOptions, which upstream-protocol owns. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamProtocol } from '../../src/policies/upstream-protocol.js';
import { BUILTIN } from '../../src/dsl/builtin.js';
import { callerAndCallee, fixtureService, sidecarWithOnly } from '../helpers/ir.js';
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
