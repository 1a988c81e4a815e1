/**
 * The inbound feature alone: its resolution on assembled models, and its lowering on the
 * service's own sidecar built by this feature alone (IR fixtures).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inbound } from '../../../src/features/inbound/index.js';
import { resolveInbound } from '../../../src/features/inbound/resolve.js';
import { modelOf } from '../../helpers/rule.js';
import { at, catalogMesh, check } from '../../validate/helpers.js';
import { compileText } from '../../helpers/diagnose.js';
import { callerAndCallee, fixtureService, sidecarWithOnly } from '../../helpers/ir.js';
import type { PolicyModule } from '../../../src/policies/policy.js';
import type { RouteConfiguration } from '../../../src/envoy/types.js';

const ONLY_INBOUND: readonly PolicyModule[] = inbound.lower ? [inbound.lower] : [];

function resolved(field: string, protocol = 'http') {
  const model = modelOf(catalogMesh(undefined, field).replace('protocol: http', `protocol: ${protocol}`));
  const service = model.serviceByName.get('catalog');
  assert.ok(service);
  return resolveInbound({ model, service });
}

test('limits not written take Envoy\u2019s 1024; a tcp service has no request timeout', () => {
  assert.deepEqual(resolved('inbound: { timeout: 2s, maxRequests: 10 }'), { inbound: { timeoutMs: 2000, maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 10 } });
  assert.deepEqual(resolved('inbound: { timeout: 2s }', 'tcp'), { inbound: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024 } });
  assert.equal(resolved('timeout: 2s'), undefined);
});

test('the local app cluster gets the thresholds and the forwarding inbound routes the timeout', () => {
  const callee = fixtureService('catalog', { inbound: { timeoutMs: 20_000, maxConnections: 100, maxPendingRequests: 50, maxRequests: 200 } });
  const sidecar = sidecarWithOnly(ONLY_INBOUND, callerAndCallee(callee), 'catalog');
  const local = sidecar.bootstrap.static_resources.clusters.find((c) => c.name === 'inbound|catalog');
  assert.deepEqual(local?.circuit_breakers, { thresholds: [{ max_connections: 100, max_pending_requests: 50, max_requests: 200 }] });
  const hcm = sidecar.bootstrap.static_resources.listeners[0]?.filter_chains[0]?.filters[0]?.typed_config as { route_config?: RouteConfiguration } | undefined;
  const forwarding = hcm?.route_config?.virtual_hosts[0]?.routes.flatMap((r) => ('route' in r ? [r.route] : []));
  assert.deepEqual(forwarding, [{ cluster: 'inbound|catalog', timeout: '20s' }]);
});

test('inbound.timeout on a tcp service, and inbound on a proxyless gRPC server, are reported where written', () => {
  const tcp = catalogMesh(undefined, 'inbound: { timeout: 5s, maxConnections: 10 }').replace('protocol: http', 'protocol: tcp');
  assert.deepEqual(check(tcp), ['http-feature-on-tcp@mesh.yaml:7:16']);
  const proxyless = [
    'apiVersion: meshc/v1',
    'mesh: { name: m, trustDomain: m.example, controlPlane: { address: "127.0.0.1:18000", tls: off } }',
    'services:',
    '  echo: { protocol: grpc, port: 9100, proxy: grpc, versions: { v1: { endpoints: ["10.0.0.2:9100"] } }, inbound: { maxRequests: 5 } }',
  ].join('\n');
  assert.deepEqual(compileText({ 'mesh.yaml': proxyless }).diagnostics.map(at), ['ignored-by-grpc@mesh.yaml:4:104']);
});
