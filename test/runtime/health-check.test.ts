/**
 * Active health checks reach the callee's own sidecar, so what they send must be a request that
 * sidecar accepts. Envoy sends `http_health_check.host` as `:authority`, and without it the
 * cluster's name (HealthCheckerFactory::getHostname, source/common/upstream/health_checker_impl.cc);
 * meshc's cluster names (`outbound|svc|v1`) hold `|`, which nghttp2_check_authority refuses, so
 * the callee would answer 400 and every endpoint would go unhealthy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arr, at, authorityIsValid, clusters, compileMesh, inbound, obj, spiffe, type Json } from '../security/helpers.js';

const MESH = `
apiVersion: meshc/v1
mesh: { name: store, trustDomain: store.example }
services:
  web:
    protocol: http
    port: 8080
    versions: { v1: { endpoints: [10.1.0.10] } }
    calls: [users, search]
  users:
    protocol: http
    port: 8801
    versions: { v1: { endpoints: [10.11.0.1] } }
    healthCheck: { path: /healthz }
    authz:
      - { from: [web], paths: [/users/*] }
  search:
    protocol: grpc
    port: 8803
    versions: { v1: { endpoints: [10.11.2.1] } }
    healthCheck: { grpcService: search.v1.Search }
`;

function healthCheckOf(bootstrap: Json, cluster: string): Json {
  const c = clusters(bootstrap).find((x) => x['name'] === cluster);
  assert.ok(c, `cluster ${cluster}`);
  const checks = arr(c['health_checks'], `${cluster}.health_checks`);
  assert.equal(checks.length, 1);
  return checks[0] as Json;
}

test('HTTP health checks name the callee as a valid authority, and its inbound side serves them', () => {
  const mesh = compileMesh(MESH);
  const check = healthCheckOf(mesh.bootstrap('web'), 'outbound|users|v1');
  const http = obj(check['http_health_check'], 'http_health_check');
  assert.equal(http['host'], 'users.store.example');
  assert.equal(authorityIsValid('outbound|users|v1'), false, 'the cluster name Envoy would send otherwise is refused');
  // The health check goes out through the cluster's mTLS socket, so it carries the caller's identity.
  const seen = inbound(mesh.bootstrap('users'), {
    principal: spiffe('store.example', 'web'),
    authority: String(http['host']),
    path: String(http['path']),
  });
  assert.equal(seen.outcome, 'allowed');
  assert.equal(at(seen.route, 'route.cluster'), 'inbound|users');
});

test('gRPC health checks set the authority of the Check call', () => {
  const mesh = compileMesh(MESH);
  const check = healthCheckOf(mesh.bootstrap('web'), 'outbound|search|v1');
  assert.deepEqual(check['grpc_health_check'], { service_name: 'search.v1.Search', authority: 'search.store.example' });
  const seen = inbound(mesh.bootstrap('search'), {
    principal: spiffe('store.example', 'web'),
    method: 'POST',
    authority: 'search.store.example',
    path: '/grpc.health.v1.Health/Check',
  });
  assert.equal(seen.outcome, 'allowed');
});
