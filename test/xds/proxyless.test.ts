/**
 * What a `proxy: grpc` service gets, resource by resource: no sidecar, a gRPC bootstrap, and
 * served resources in the shapes grpc-js-xds accepts (the end-to-end proofs are in
 * test/serve/proxyless*.test.ts; these pin the translation of each DSL feature).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type CompileResult } from '../../src/compile.js';
import { applyEndpointFiles } from '../../src/serve/endpoints/apply.js';
import type { EndpointFiles } from '../../src/serve/endpoints/load.js';
import type { ServedResource } from '../../src/xds/ads.js';
import { meshc } from '../helpers/cli.js';

const MESH = (extra = '', controlPlane = '{ address: "127.0.0.1:18000", tls: off }') => `apiVersion: meshc/v1
mesh: { name: m, trustDomain: m.example, controlPlane: ${controlPlane} }
services:
  app:
    protocol: grpc
    port: 7000
    proxy: grpc
    versions: { v1: { endpoints: [10.0.0.1] } }
    calls: [api]
  api:
    protocol: grpc
    port: 9000
    proxy: grpc
    versions: { v1: { endpoints: [10.0.1.1] }, v2: { endpoints: ["10.0.1.2:9001"] } }
${extra.includes('routes:') ? extra : `${extra}    routes: [{ name: default, to: v1 }]\n`}`;

function ads(text: string, mode: 'ads' | 'static' = 'ads'): CompileResult {
  const result = compile([{ name: 'mesh.yaml', text }], { mode });
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return result;
}

function resource(result: CompileResult, service: string, type: ServedResource['type'], name: string): Record<string, unknown> {
  const found = result.served?.get(service)?.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${service} is served ${type} ${name}`);
  return found.value as Record<string, unknown>;
}

const routesOf = (result: CompileResult) =>
  (resource(result, 'app', 'routeConfiguration', 'outbound|api') as { virtual_hosts: { routes: { name: string; match: unknown; route: Record<string, unknown> }[] }[] })
    .virtual_hosts[0]?.routes ?? [];

test('a proxyless service gets a gRPC bootstrap and no sidecar, in every mode', () => {
  for (const mode of ['static', 'ads'] as const) {
    const files = ads(MESH(), mode)
      .files.map((f) => f.path)
      .filter((p) => !p.startsWith('_mesh/'));
    assert.deepEqual(files, ['api/grpc-bootstrap.json', 'app/grpc-bootstrap.json']);
  }
});

test('the bootstrap: node.cluster names the service, a locality is set, the server template is A36\u2019s', () => {
  const file = ads(MESH()).files.find((f) => f.path === 'app/grpc-bootstrap.json');
  const bootstrap = JSON.parse(file?.content ?? '{}') as Record<string, unknown>;
  assert.deepEqual(bootstrap.node, { id: 'app', cluster: 'app', locality: {}, metadata: { mesh: 'm', service: 'app' } });
  assert.deepEqual(bootstrap.xds_servers, [{ server_uri: '127.0.0.1:18000', channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] }]);
  assert.equal(bootstrap.server_listener_resource_name_template, 'grpc/server?xds.resource.listening_address=%s');
  assert.deepEqual(bootstrap.certificate_providers, {
    meshc: {
      plugin_name: 'file_watcher',
      config: {
        certificate_file: '/etc/meshc/certs/app/current/cert.pem',
        private_key_file: '/etc/meshc/certs/app/current/key.pem',
        ca_certificate_file: '/etc/meshc/certs/app/current/ca.pem',
        refresh_interval: '60s',
      },
    },
  });
});

test('a control plane with mutual TLS gets tls channel credentials (gRFC A65) and no insecure fallback', () => {
  const file = ads(MESH('', '{ address: "meshc.m.internal:18000" }')).files.find((f) => f.path === 'app/grpc-bootstrap.json');
  const servers = (JSON.parse(file?.content ?? '{}') as { xds_servers: { channel_creds: unknown[] }[] }).xds_servers;
  assert.deepEqual(servers[0]?.channel_creds, [
    {
      type: 'tls',
      config: {
        certificate_file: '/etc/meshc/certs/app/current/cert.pem',
        private_key_file: '/etc/meshc/certs/app/current/key.pem',
        ca_certificate_file: '/etc/meshc/certs/app/current/ca.pem',
      },
    },
  ]);
});

test('the caller\u2019s API listener is named after the callee, takes RDS over ADS, and ends with the router', () => {
  const listener = resource(ads(MESH()), 'app', 'listener', 'api') as { api_listener: { api_listener: Record<string, unknown> } };
  const hcm = listener.api_listener.api_listener;
  assert.deepEqual(hcm.rds, { route_config_name: 'outbound|api', config_source: { resource_api_version: 'V3', ads: {} } });
  assert.deepEqual(
    (hcm.http_filters as { name: string }[]).map((f) => f.name),
    ['envoy.filters.http.router'],
  );
});

test('clusters are EDS over ADS; assignments have one weighted locality (grpc-js drops an unweighted one)', () => {
  const result = ads(MESH());
  const cluster = resource(result, 'app', 'cluster', 'outbound|api|v2');
  assert.equal(cluster.type, 'EDS');
  assert.deepEqual(cluster.eds_cluster_config, { service_name: 'outbound|api|v2', eds_config: { resource_api_version: 'V3', ads: {} } });
  assert.equal(cluster.lb_policy, 'ROUND_ROBIN');
  assert.deepEqual(cluster.circuit_breakers, { thresholds: [{ priority: 'DEFAULT', max_requests: 1024 }] });
  assert.deepEqual(resource(result, 'app', 'clusterLoadAssignment', 'outbound|api|v2').endpoints, [
    { locality: {}, load_balancing_weight: 1, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.1.2', port_value: 9001 } } } }] },
  ]);
  // A proxyless callee's endpoints default to its own port, not a sidecar's.
  const v1 = resource(result, 'app', 'clusterLoadAssignment', 'outbound|api|v1') as {
    endpoints: { lb_endpoints: { endpoint: { address: { socket_address: { port_value: number } } } }[] }[];
  };
  assert.equal(v1.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address.port_value, 9000);
});

test('retries keep only gRPC status codes and at most 4 retries; none left means no retry policy', () => {
  const result = ads(
    MESH(`    routes:
      - { name: a, match: { path: { prefix: /a } }, retries: { attempts: 7, on: [unavailable, reset, 5xx], backoff: { base: 10ms, max: 40ms } }, to: v1 }
      - { name: b, match: { path: { prefix: /b } }, retries: { attempts: 2, on: [reset, 5xx] }, to: v1 }
      - { name: c, to: v1 }
`),
  );
  const [a, b] = routesOf(result);
  assert.deepEqual(a?.route.retry_policy, { retry_on: 'unavailable', num_retries: 4, retry_back_off: { base_interval: '0.010s', max_interval: '0.040s' } });
  assert.equal(b?.route.retry_policy, undefined);
});

test('the timeout caps the call\u2019s deadline (gRFC A31); 0 leaves the application\u2019s deadline alone', () => {
  const result = ads(MESH(`    routes:\n      - { name: a, match: { path: { prefix: /a } }, timeout: 250ms, to: v1 }\n      - { name: b, timeout: 0s, to: v1 }\n`));
  const [a, b] = routesOf(result);
  assert.deepEqual(a?.route.max_stream_duration, { grpc_timeout_header_max: '0.250s' });
  assert.equal(b?.route.max_stream_duration, undefined);
});

test('method and query conditions, which gRPC cannot see: POST is always true, another method or any query never', () => {
  const result = ads(
    MESH(`    routes:
      - { name: post, match: { method: POST, headers: { x-a: "1" } }, to: v2 }
      - { name: get, match: { method: GET }, to: v2 }
      - { name: query, match: { query: { debug: "1" } }, to: v2 }
      - { name: default, to: v1 }
`),
  );
  const routes = routesOf(result);
  assert.deepEqual(
    routes.map((r) => r.name),
    ['post', 'default'],
  );
  assert.deepEqual(routes[0]?.match, { prefix: '/', headers: [{ name: 'x-a', string_match: { exact: '1' } }] });
});

test('least-request falls back to round robin for clients without it (gRFC A52); ring hash uses xxHash and header hashing', () => {
  const lr = resource(ads(MESH('    loadBalancer: least-request\n')), 'app', 'cluster', 'outbound|api|v1');
  assert.deepEqual(
    (lr.load_balancing_policy as { policies: { typed_extension_config: { name: string } }[] }).policies.map((p) => p.typed_extension_config.name),
    ['envoy.load_balancing_policies.least_request', 'envoy.load_balancing_policies.round_robin'],
  );
  const ringMesh = MESH('    loadBalancer: { policy: ring-hash, hashOn: { header: x-user } }\n');
  const ring = resource(ads(ringMesh), 'app', 'cluster', 'outbound|api|v1');
  assert.equal(ring.lb_policy, 'RING_HASH');
  assert.deepEqual(ring.ring_hash_lb_config, { hash_function: 'XX_HASH' });
  assert.deepEqual(routesOf(ads(ringMesh))[0]?.route.hash_policy, [{ header: { header_name: 'x-user' } }]);
});

test('mTLS to the callee goes through the certificate provider and accepts only the callee\u2019s SPIFFE ID', () => {
  const cluster = resource(ads(MESH()), 'app', 'cluster', 'outbound|api|v1');
  assert.deepEqual(cluster.transport_socket, {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      common_tls_context: {
        tls_certificate_provider_instance: { instance_name: 'meshc' },
        validation_context: { ca_certificate_provider_instance: { instance_name: 'meshc' }, match_subject_alt_names: [{ exact: 'spiffe://m.example/svc/api' }] },
      },
    },
  });
  assert.equal(resource(ads(MESH('    mtls: off\n')), 'app', 'cluster', 'outbound|api|v1').transport_socket, undefined);
});

test('the server gets a Listener per address it may bind, each with its address, RBAC and required client certificates', () => {
  const result = ads(MESH('    authz: [{ name: app, from: [app] }]\n'));
  const names = result.served
    ?.get('api')
    ?.resources.filter((r) => r.type === 'listener')
    .map((r) => r.name);
  assert.deepEqual(names, [
    'grpc/server?xds.resource.listening_address=10.0.1.1:9000',
    'grpc/server?xds.resource.listening_address=10.0.1.2:9001',
    'grpc/server?xds.resource.listening_address=0.0.0.0:9000',
    'grpc/server?xds.resource.listening_address=[::]:9000',
  ]);
  const listener = resource(result, 'api', 'listener', 'grpc/server?xds.resource.listening_address=[::]:9000') as {
    address: unknown;
    filter_chains: { filters: { typed_config: { http_filters: { name: string }[] } }[]; transport_socket?: { typed_config: Record<string, unknown> } }[];
  };
  assert.deepEqual(listener.address, { socket_address: { address: '::', port_value: 9000 } });
  const chain = listener.filter_chains[0];
  assert.deepEqual(
    chain?.filters[0]?.typed_config.http_filters.map((f) => f.name),
    ['envoy.filters.http.rbac', 'envoy.filters.http.router'],
  );
  assert.equal(chain?.transport_socket?.typed_config.require_client_certificate, true);
});

test('dry-run authz gives a proxyless server no RBAC filter (grpc-js refuses one with shadow rules only)', () => {
  const result = ads(MESH('    authz: { mode: dry-run, allow: [{ name: app, from: [app] }] }\n'));
  const listener = resource(result, 'api', 'listener', 'grpc/server?xds.resource.listening_address=0.0.0.0:9000') as {
    filter_chains: { filters: { typed_config: { http_filters: { name: string }[] } }[] }[];
  };
  assert.deepEqual(
    listener.filter_chains[0]?.filters[0]?.typed_config.http_filters.map((f) => f.name),
    ['envoy.filters.http.router'],
  );
});

test('endpoint files give gRPC callers weighted, named localities on the callee\u2019s own port', () => {
  const result = ads(MESH());
  assert.ok(result.served && result.mesh);
  const origin = { file: 'endpoints/api.yaml', line: 4, column: 7, path: 'endpoints.api.v1' };
  const files: EndpointFiles = new Map([
    ['endpoints/api.yaml', [{ service: 'api', version: 'v1', endpoints: [{ address: '10.9.0.1', zone: 'z1' }, { address: '10.9.0.2' }], origin }]],
  ]);
  const applied = applyEndpointFiles(result.served, files, result.mesh);
  const assignment = applied.get('app')?.resources.find((r) => r.type === 'clusterLoadAssignment' && r.name === 'outbound|api|v1');
  assert.ok(assignment, 'app has the assignment of api v1');
  assert.deepEqual((assignment.value as { endpoints: unknown }).endpoints, [
    { locality: { zone: 'z1' }, load_balancing_weight: 1, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.9.0.1', port_value: 9000 } } } }] },
    { locality: {}, load_balancing_weight: 1, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.9.0.2', port_value: 9000 } } } }] },
  ]);
});

test('compile reports sidecars and proxyless services apart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-proxyless-'));
  writeFileSync(join(dir, 'mesh.yaml'), MESH().replace('  app:', '  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.9] } } }\n  app:'));
  const run = meshc(['compile', dir, '--mode', 'ads', '--out', join(dir, 'out')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^compiled 1 sidecar and 2 proxyless gRPC services from 1 file: /);
});
