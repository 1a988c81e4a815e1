/**
 * Properties every generated bootstrap must have, checked on every example and every golden
 * case: the HTTP filters in Envoy's order (header_mutation → fault → jwt → rbac deny → rbac →
 * local_ratelimit → ratelimit → router), security filters only on the inbound side, forwarded
 * claim headers removed before JWT authentication adds them, per-route settings and references
 * that resolve, RBAC reading JWT claims where the JWT filter puts them, health checks exempt from
 * limits, the client address trusted only where a limit counts by it, and access logs that
 * record no credentials.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { compile } from '../../src/compile.js';
import { exampleDirs } from '../helpers/corpus.js';
import { compileCase, goldenCases } from '../helpers/golden.js';
import { allHcms, arr, at, bootstraps, checkTlsParams, clusters, compiled, httpFilters, listeners, obj, walk, type Json } from './helpers.js';

const ORDER = [
  'envoy.filters.http.header_mutation',
  'envoy.filters.http.fault',
  'envoy.filters.http.jwt_authn',
  // Deny rules refuse before allow rules let through.
  'envoy.filters.http.rbac.deny',
  'envoy.filters.http.rbac',
  'envoy.filters.http.local_ratelimit',
  'meshc.route_local_ratelimit',
  'envoy.filters.http.ratelimit',
  'envoy.filters.http.router',
];
const INBOUND_ONLY = [
  'envoy.filters.http.header_mutation',
  'envoy.filters.http.jwt_authn',
  'envoy.filters.http.rbac',
  'envoy.filters.http.rbac.deny',
  'envoy.filters.http.local_ratelimit',
  'meshc.route_local_ratelimit',
  'envoy.filters.http.ratelimit',
];

/** Every sidecar of every example and every golden case that compiles. */
const CORPUS: readonly { where: string; bootstrap: Json }[] = [
  ...exampleDirs().map((dir) => ({ where: `examples/${basename(dir)}`, result: compile(dir) })),
  ...goldenCases().map((name) => ({ where: `golden/${name}`, result: compileCase(name).result })),
]
  .filter(({ result }) => result.files.length > 0)
  .flatMap(({ where, result }) => [...bootstraps(compiled(result))].map(([service, bootstrap]) => ({ where: `${where} ${service}`, bootstrap })));

function forEachSidecar(what: string, check: (bootstrap: Json, where: string) => void): void {
  test(what, () => {
    assert.ok(CORPUS.length > 100, `${CORPUS.length} sidecars`);
    for (const { where, bootstrap } of CORPUS) check(bootstrap, where);
  });
}

describe('every sidecar of every example and golden case', () => {
  forEachSidecar('HTTP filters run header_mutation → fault → jwt → rbac deny → rbac → local_ratelimit → ratelimit → router, each once, router last', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const names = httpFilters(hcm).map((f) => String(f['name']));
      const positions = names.map((n) => ORDER.indexOf(n));
      assert.ok(!positions.includes(-1), `${where} ${String(listener['name'])}: unknown filter in ${names.join(', ')}`);
      assert.deepEqual(
        positions,
        [...new Set(positions)].sort((a, b) => a - b),
        `${where} ${String(listener['name'])}: ${names.join(' → ')}`,
      );
      assert.equal(names.at(-1), 'envoy.filters.http.router', `${where}: router last`);
    }
  });

  forEachSidecar('authentication, authorization and rate limits only on the inbound side; faults only outbound', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const names = httpFilters(hcm).map((f) => String(f['name']));
      const inbound = listener['traffic_direction'] === 'INBOUND';
      const misplaced = inbound ? names.filter((n) => n === 'envoy.filters.http.fault') : names.filter((n) => INBOUND_ONLY.includes(n));
      assert.deepEqual(misplaced, [], `${where} ${String(listener['name'])}`);
    }
  });

  forEachSidecar('per-route filter settings are for filters the connection manager has', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const names = httpFilters(hcm).map((f) => String(f['name']));
      for (const { path, key, value } of walk(hcm['route_config'])) {
        if (key === 'typed_per_filter_config') {
          for (const filter of Object.keys(obj(value, path))) assert.ok(names.includes(filter), `${where} ${String(listener['name'])} ${path}: ${filter}`);
        }
        if (key === 'rate_limits') assert.ok(names.includes('envoy.filters.http.ratelimit'), `${where} ${path}: rate_limits without the rate-limit filter`);
      }
    }
  });

  forEachSidecar('every cluster a listener, route, filter or SDS source names exists in the bootstrap', (bootstrap, where) => {
    const defined = new Set(clusters(bootstrap).map((c) => String(c['name'])));
    assert.equal(defined.size, clusters(bootstrap).length, `${where}: cluster names are unique`);
    const listenerNames = listeners(bootstrap).map((l) => String(l['name']));
    assert.equal(new Set(listenerNames).size, listenerNames.length, `${where}: listener names are unique`);
    for (const { path, key, value } of walk(bootstrap['static_resources'])) {
      const named = key === 'cluster' || key === 'cluster_name' ? value : undefined;
      if (typeof named === 'string' && !path.includes('load_assignment')) assert.ok(defined.has(named), `${where} ${path}: ${named}`);
    }
  });

  forEachSidecar('every header a JWT provider forwards a claim in is first removed from what the client sent', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const filters = httpFilters(hcm);
      const jwt = filters.find((f) => f['name'] === 'envoy.filters.http.jwt_authn');
      const mutation = filters.find((f) => f['name'] === 'envoy.filters.http.header_mutation');
      const forwarded = new Set(
        Object.values(obj(at(jwt, 'typed_config.providers') ?? {}, 'providers')).flatMap((p) =>
          arr(obj(p, 'provider')['claim_to_headers'] ?? [], 'claim_to_headers').map((c) => String(c['header_name']).toLowerCase()),
        ),
      );
      const removed = arr(at(mutation, 'typed_config.mutations.request_mutations') ?? [], 'request_mutations').map((m) => String(m['remove']).toLowerCase());
      assert.deepEqual([...forwarded].sort(), removed.sort(), `${where} ${String(listener['name'])}: removed = forwarded claim headers`);
      if (mutation) {
        const names = filters.map((f) => f['name']);
        assert.ok(names.indexOf(mutation['name']) < names.indexOf('envoy.filters.http.jwt_authn'), `${where}: removed before JWT adds them`);
      }
    }
  });

  forEachSidecar('health-check routes come first in the inbound table (after the refusal of `;` paths), go to the local app, and count against no limit', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap).filter(({ listener }) => listener['traffic_direction'] === 'INBOUND')) {
      const routes = arr(at(arr(at(hcm, 'route_config.virtual_hosts'), 'virtual_hosts')[0], 'routes'), 'routes');
      assert.equal(routes[0]?.['name'], 'path-parameters-refused', `${where}: paths with ; are refused before any route`);
      const health = routes.filter((r) => r['name'] === 'health-check');
      assert.deepEqual(routes.slice(1, 1 + health.length), health, `${where}: health-check routes next`);
      const local = httpFilters(hcm).some((f) => f['name'] === 'envoy.filters.http.local_ratelimit');
      for (const route of health) {
        assert.equal(at(route, 'route.cluster'), String(listener['name']), `${where}: to the local app`);
        assert.equal(at(route, 'route.rate_limits'), undefined, `${where}: no descriptor for the rate-limit service`);
        assert.deepEqual(
          route['typed_per_filter_config'],
          local ? { 'envoy.filters.http.local_ratelimit': { '@type': 'type.googleapis.com/envoy.config.route.v3.FilterConfig', disabled: true } } : undefined,
          `${where}: the local limit disabled`,
        );
      }
    }
  });

  forEachSidecar('only an inbound connection manager whose limits count by client address trusts the socket alone', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const byAddress = [...walk(hcm['route_config'])].some(({ key }) => key === 'remote_address');
      assert.equal(hcm['use_remote_address'], byAddress ? true : undefined, `${where} ${String(listener['name'])}`);
      if (byAddress) assert.equal(listener['traffic_direction'], 'INBOUND');
    }
  });

  forEachSidecar('the admin API is reached only by the metrics listener\u2019s one exact route, and listens on loopback', (bootstrap, where) => {
    assert.equal(at(bootstrap, 'admin.address.socket_address.address'), '127.0.0.1', `${where}: admin on loopback`);
    const adminPort = at(bootstrap, 'admin.address.socket_address.port_value');
    const toAdmin: string[] = [];
    for (const { listener, hcm } of allHcms(bootstrap)) {
      for (const { path, key, value } of walk(hcm['route_config'])) {
        if (key === 'cluster' && value === 'meshc-admin') toAdmin.push(`${String(listener['name'])} ${path}`);
      }
    }
    assert.deepEqual(toAdmin, ['metrics virtual_hosts[0].routes[0].route.cluster'], `${where}: routes to the admin API`);
    const admin = clusters(bootstrap).find((c) => c['name'] === 'meshc-admin');
    assert.deepEqual(at(admin, 'load_assignment.endpoints'), [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: adminPort } } } }] }]);
    for (const l of listeners(bootstrap)) assert.notEqual(at(l, 'address.socket_address.port_value'), adminPort, `${where}: no listener on the admin port`);
  });

  forEachSidecar('access logs record no credentials (authorization, cookies, forwarded claims)', (bootstrap, where) => {
    for (const { listener, hcm } of allHcms(bootstrap)) {
      const forwarded = [...walk(hcm['http_filters'])].filter(({ key }) => key === 'header_name').map(({ value }) => String(value).toLowerCase());
      for (const { path, value } of walk(hcm['access_log'])) {
        if (typeof value !== 'string') continue;
        for (const header of ['authorization', 'proxy-authorization', 'cookie', 'x-forwarded-client-cert', ...forwarded]) {
          assert.ok(!value.toLowerCase().includes(`(${header})`) && !value.toLowerCase().includes(`(${header}?`), `${where} ${String(listener['name'])} ${path}: ${value}`);
        }
      }
    }
  });

  // Each provider leaves its verified claims under a key of its own, so a rule reads one issuer's.
  const payloadKeysOf = (jwt: Json): string[] =>
    Object.values(obj(obj(jwt['typed_config'], 'jwt')['providers'], 'providers')).map((p) => String(obj(p, 'provider')['payload_in_metadata']));
  forEachSidecar('every JWT provider puts its claims under a metadata key of its own', (bootstrap) => {
    for (const { hcm } of allHcms(bootstrap)) {
      const jwt = httpFilters(hcm).find((f) => f['name'] === 'envoy.filters.http.jwt_authn');
      if (jwt) assert.equal(new Set(payloadKeysOf(jwt)).size, payloadKeysOf(jwt).length);
    }
  });

  // Without a JWT filter a claims rule never matches: authz-rule-matches-nothing warns about it.
  forEachSidecar('RBAC reads JWT claims where the JWT filter puts them', (bootstrap, where) => {
    for (const { hcm } of allHcms(bootstrap)) {
      const filters = httpFilters(hcm);
      const jwt = filters.find((f) => f['name'] === 'envoy.filters.http.jwt_authn');
      const rbac = filters.find((f) => f['name'] === 'envoy.filters.http.rbac');
      for (const { path, key, value } of walk(rbac)) {
        if (key !== 'metadata') continue;
        const m = obj(value, path);
        assert.equal(m['filter'], 'envoy.filters.http.jwt_authn', `${where} ${path}`);
        if (jwt) assert.ok(payloadKeysOf(jwt).includes(String(at(arr(m['path'], 'path')[0], 'key'))), `${where} ${path}: a provider's payload key`);
      }
    }
  });
});

test('every TLS context meshc writes pins TLS 1.2–1.3 and ECDHE-GCM suites, the JWKS fetch and the metrics port included', () => {
  const seen = new Set<string>();
  for (const { where, bootstrap } of CORPUS) {
    for (const { path, value } of walk(bootstrap)) {
      const type = (value as Json | null)?.['@type'];
      if (typeof type === 'string' && /TlsContext$/.test(type)) {
        checkTlsParams(at(value, 'common_tls_context.tls_params'), `${where} ${path}`);
        const [, kind, index] = /^static_resources\.(listeners|clusters)\[(\d+)\]/.exec(path) ?? [];
        const name = String((kind === 'listeners' ? listeners(bootstrap) : clusters(bootstrap))[Number(index)]?.['name']);
        seen.add(name === 'metrics' || name.startsWith('jwks|') ? name.replace(/\|.*/, '') : String(kind));
      }
    }
  }
  assert.deepEqual([...seen].sort(), ['clusters', 'jwks', 'listeners', 'metrics'], 'inbound listeners, the metrics port, callee clusters and JWKS clusters were all checked');
});
