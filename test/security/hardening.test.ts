/**
 * Sidecar hardening: the secure defaults are in every sidecar of examples/shop, and each
 * `mesh.sidecar.hardening` override changes exactly its own field(s), everywhere they occur, and
 * nothing else (compared leaf by leaf with the unmodified mesh). The metrics listener is exempt
 * from the overload manager and the global connection limit (scrapes matter most then), so it
 * bounds itself: its own header and stream timeouts, the buffer limit, one exact route.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';
import { allHcms, at, bootstraps, clusters, compileMesh, httpFilters, listeners, obj, walk, type Json } from './helpers.js';

const SHOP_TEXT = readFileSync(repoPath('examples', 'shop', 'mesh.yaml'), 'utf8');
const SIDECAR_LINE = /^  sidecar: \{ inboundPort: 15006, adminPort: 15000, metricsPort: 15090 \}$/m;

/** examples/shop with `hardening` added to its sidecar block. */
function shopWith(hardening: Json | undefined): Map<string, Json> {
  assert.match(SHOP_TEXT, SIDECAR_LINE, 'examples/shop/mesh.yaml still has its one-line sidecar block');
  const sidecar = { inboundPort: 15006, adminPort: 15000, metricsPort: 15090, ...(hardening ? { hardening } : {}) };
  const text = SHOP_TEXT.replace(SIDECAR_LINE, `  sidecar: ${JSON.stringify(sidecar)}`);
  return bootstraps(compileMesh({ 'mesh.yaml': text }));
}

const shop = shopWith(undefined);

// ── Defaults ────────────────────────────────────────────────────────────────────────────────

const OVERLOAD_MANAGER = {
  refresh_interval: '0.250s',
  resource_monitors: [
    {
      name: 'envoy.resource_monitors.fixed_heap',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig',
        max_heap_size_bytes: '1073741824',
      },
    },
    {
      name: 'envoy.resource_monitors.global_downstream_max_connections',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
        max_active_downstream_connections: '50000',
      },
    },
  ],
  actions: [
    { name: 'envoy.overload_actions.shrink_heap', triggers: [{ name: 'envoy.resource_monitors.fixed_heap', threshold: { value: 0.95 } }] },
    { name: 'envoy.overload_actions.stop_accepting_requests', triggers: [{ name: 'envoy.resource_monitors.fixed_heap', threshold: { value: 0.98 } }] },
  ],
};

/**
 * What every HTTP connection manager carries by default. Header names with underscores are
 * refused from other workloads (inbound); the app talking to its own sidecar (outbound) is trusted.
 * Other workloads must send a whole request within request_timeout; the app's own requests are
 * bounded by the route timeouts of what it calls.
 */
const HCM_DEFAULTS = (direction: unknown): Readonly<Record<string, unknown>> => ({
  normalize_path: true,
  merge_slashes: true,
  path_with_escaped_slashes_action: 'REJECT_REQUEST',
  request_headers_timeout: '60s',
  request_timeout: direction === 'OUTBOUND' ? undefined : '300s',
  stream_idle_timeout: '300s',
  common_http_protocol_options: {
    idle_timeout: '3600s',
    headers_with_underscores_action: direction === 'OUTBOUND' ? 'ALLOW' : 'REJECT_REQUEST',
  },
  http2_protocol_options: { max_concurrent_streams: 100, initial_stream_window_size: 65536, initial_connection_window_size: 1048576 },
});

const BUFFER_LIMIT = 32768;
/** The metrics connection manager's own bounds, tighter than the mesh's and not overridden. */
const METRICS_TIMEOUTS = { request_headers_timeout: '10s', stream_idle_timeout: '30s' };
const RETRY_BUDGET = { budget_percent: { value: 20 }, min_retry_concurrency: 3 };

describe('the defaults are in every sidecar of examples/shop', () => {
  for (const [service, bootstrap] of shop) {
    test(`${service}: admin on 127.0.0.1 only`, () => {
      assert.deepEqual(bootstrap['admin'], { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } });
    });
    test(`${service}: overload manager watching the heap and the connections`, () => {
      assert.deepEqual(bootstrap['overload_manager'], OVERLOAD_MANAGER);
    });
    test(`${service}: a per-connection buffer limit on every listener and cluster, the metrics port and the sidecar\u2019s own clusters included`, () => {
      const names = [...listeners(bootstrap), ...clusters(bootstrap)].map((i) => String(i['name']));
      for (const own of ['metrics', 'meshc-admin', 'meshc-tracing']) assert.ok(names.includes(own), `${own} is there to check`);
      for (const item of [...listeners(bootstrap), ...clusters(bootstrap)]) {
        assert.equal(item['per_connection_buffer_limit_bytes'], BUFFER_LIMIT, String(item['name']));
      }
    });
    test(`${service}: every HTTP connection manager of the mesh normalizes paths, refuses escaped slashes and underscores, bounds time and HTTP/2`, () => {
      const hcms = allHcms(bootstrap).filter(({ listener }) => listener['name'] !== 'metrics');
      assert.equal(hcms.length, service === 'frontend' ? 3 : 1, 'inbound, and one per HTTP callee');
      for (const { listener, hcm } of hcms) {
        const expected = HCM_DEFAULTS(listener['traffic_direction']);
        const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, hcm[k]]));
        assert.deepEqual(picked, expected, String(listener['name']));
      }
    });
    test(`${service}: the metrics port, outside the overload manager and the connection limit, bounds itself`, () => {
      const metrics = listeners(bootstrap).find((l) => l['name'] === 'metrics') as Json;
      assert.deepEqual(metrics['address'], { socket_address: { address: '0.0.0.0', port_value: 15090 } });
      assert.equal(metrics['bypass_overload_manager'], true);
      assert.equal(metrics['ignore_global_conn_limit'], true);
      const chains = metrics['filter_chains'] as Json[];
      assert.equal(chains.length, 1);
      assert.deepEqual(
        (obj(chains[0], 'metrics chain')['filters'] as Json[])[0],
        {
          name: 'envoy.filters.network.connection_limit',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.network.connection_limit.v3.ConnectionLimit',
            stat_prefix: 'metrics',
            max_connections: '16',
          },
        },
        'a connection limit of its own, before the connection manager',
      );
      assert.equal(metrics['per_connection_buffer_limit_bytes'], BUFFER_LIMIT);
      const [hcm, ...others] = allHcms(bootstrap).filter(({ listener }) => listener === metrics);
      assert.equal(others.length, 0, 'one connection manager');
      assert.equal(hcm?.hcm['request_headers_timeout'], METRICS_TIMEOUTS.request_headers_timeout, 'headers within 10s');
      assert.equal(hcm?.hcm['stream_idle_timeout'], METRICS_TIMEOUTS.stream_idle_timeout, 'streams idle 30s');
      assert.deepEqual(
        httpFilters(hcm?.hcm as Json).map((f) => f['name']),
        ['envoy.filters.http.router'],
        'nothing but the router: no filter a request could exploit',
      );
      assert.deepEqual(
        (at(hcm?.hcm, 'route_config.virtual_hosts') as Json[]).flatMap((h) => h['routes'] as Json[]).map((r) => r['match']),
        [{ path: '/stats/prometheus' }],
        'one exact route',
      );
    });
    test(`${service}: a client must finish the TLS handshake on the inbound port within 10s`, () => {
      const inbound = listeners(bootstrap).filter((l) => l['traffic_direction'] === 'INBOUND');
      assert.equal(inbound.length, 1);
      const chains = inbound[0]?.['filter_chains'] as Json[];
      assert.deepEqual(
        chains.map((c) => [c['name'], c['transport_socket_connect_timeout']]),
        [['mtls', '10s']],
      );
    });
    test(`${service}: every outbound cluster has bounded circuit breakers and a retry budget (or the max_retries the mesh chose)`, () => {
      for (const cluster of clusters(bootstrap).filter((c) => String(c['name']).startsWith('outbound|'))) {
        const name = String(cluster['name']);
        const thresholds = at(cluster, 'circuit_breakers.thresholds') as Json[];
        assert.equal(thresholds.length, 1, name);
        const t = obj(thresholds[0], name);
        for (const limit of ['max_connections', 'max_pending_requests', 'max_requests', 'max_retries']) {
          assert.ok(typeof t[limit] === 'number' && t[limit] > 0 && t[limit] <= 1024, `${name}: ${limit} bounded (${String(t[limit])})`);
        }
        // catalog sets maxRetries itself; Envoy ignores max_retries once a budget is set, so
        // meshc adds its default budget only where the mesh chose neither.
        if (name.startsWith('outbound|catalog|')) {
          assert.equal(t['max_retries'], 3, name);
          assert.equal(t['retry_budget'], undefined, name);
        } else {
          assert.deepEqual(t['retry_budget'], RETRY_BUDGET, name);
        }
      }
    });
  }
});

test('the buffer limit is on every cluster, the sidecar\u2019s own (SDS, JWKS, rate-limit service, tracing, admin) included', () => {
  for (const bufferLimitBytes of [undefined, 65536]) {
    const bootstrap = compileMesh(`
      apiVersion: meshc/v1
      mesh:
        name: bank
        trustDomain: bank.example
        certificates: { source: spire }
        rateLimitService: { address: ratelimit.bank.internal:8081 }
        observability: { tracing: { provider: zipkin, collector: "zipkin.bank.internal:9411" } }
        ${bufferLimitBytes ? `sidecar: { hardening: { bufferLimitBytes: ${bufferLimitBytes} } }` : ''}
      services:
        portal:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.40.7.10] } }
          jwt: { providers: { idp: { issuer: idp, jwksUri: "https://idp.bank.example/jwks.json" } } }
          rateLimit: { global: { requests: 10, per: second } }
    `).bootstrap('portal');
    const names = clusters(bootstrap).map((c) => String(c['name']));
    assert.deepEqual(names.sort(), ['inbound|portal', 'jwks|idp', 'meshc-admin', 'meshc-ratelimit', 'meshc-sds', 'meshc-tracing']);
    for (const item of [...clusters(bootstrap), ...listeners(bootstrap)]) {
      assert.equal(item['per_connection_buffer_limit_bytes'], bufferLimitBytes ?? BUFFER_LIMIT, String(item['name']));
    }
  }
});

test('the metrics port bounds HTTP/2 like every other connection manager', () => {
  for (const bootstrap of shop.values()) {
    const [metrics] = allHcms(bootstrap).filter(({ listener }) => listener['name'] === 'metrics');
    const hcm = metrics?.hcm as Json;
    const limits = HCM_DEFAULTS('INBOUND')['http2_protocol_options'] as Json;
    for (const [field, max] of Object.entries(limits)) {
      const value = at(hcm, `http2_protocol_options.${field}`);
      assert.ok(typeof value === 'number' && value <= (max as number), `${field}: ${String(value)} (at most ${String(max)})`);
    }
  }
});

// ── Overrides ───────────────────────────────────────────────────────────────────────────────

/** Every leaf (scalar, empty list or empty object) of a sidecar set, as JSON, by `<service>:<path>`. */
function leaves(sidecars: Map<string, Json>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [service, bootstrap] of sidecars) {
    for (const { path, value } of walk(bootstrap)) {
      const empty = typeof value === 'object' && value !== null && Object.keys(value).length === 0;
      if (typeof value !== 'object' || value === null || empty) out.set(`${service}:${path}`, JSON.stringify(value));
    }
  }
  return out;
}

const before = leaves(shop);

/** `<service>:<path>` prefixes of the metrics listener's filter chains, whose own bounds stay. */
const metricsChains = [...shop].flatMap(([service, bootstrap]) =>
  listeners(bootstrap).flatMap((l, i) => (l['name'] === 'metrics' ? [`${service}:static_resources.listeners[${i}].filter_chains`] : [])),
);
const isMetricsOwn = (path: string): boolean => metricsChains.some((p) => path.startsWith(p)) && Object.keys(METRICS_TIMEOUTS).some((field) => endsWith(path, field));

/** Outbound listeners allow header names with underscores whatever the mesh says. */
const outboundListeners = [...shop].flatMap(([service, bootstrap]) =>
  listeners(bootstrap).flatMap((l, i) => (l['traffic_direction'] === 'OUTBOUND' ? [`${service}:static_resources.listeners[${i}].`] : [])),
);
const isOutboundUnderscores = (path: string): boolean => outboundListeners.some((p) => path.startsWith(p)) && endsWith(path, 'headers_with_underscores_action');

/**
 * Each override, with what it must change: path suffix → new value. Every leaf ending in one of
 * the suffixes must have changed to that value, and no other leaf may change.
 */
const OVERRIDES: readonly [override: Json, changes: Readonly<Record<string, unknown>>][] = [
  [{ bufferLimitBytes: 65536 }, { per_connection_buffer_limit_bytes: 65536 }],
  [{ maxHeapMiB: 2048 }, { max_heap_size_bytes: '2147483648' }],
  [{ maxConnections: 1000 }, { max_active_downstream_connections: '1000' }],
  [{ headersWithUnderscores: 'drop' }, { headers_with_underscores_action: 'DROP_HEADER' }],
  [{ headersWithUnderscores: 'allow' }, { headers_with_underscores_action: 'ALLOW' }],
  [{ headersWithUnderscores: 'reject' }, {}],
  [{ normalizePath: false }, { normalize_path: false }],
  [{ mergeSlashes: false }, { merge_slashes: false }],
  [{ escapedSlashes: 'keep' }, { path_with_escaped_slashes_action: 'KEEP_UNCHANGED' }],
  [{ escapedSlashes: 'unescape-and-redirect' }, { path_with_escaped_slashes_action: 'UNESCAPE_AND_REDIRECT' }],
  [{ escapedSlashes: 'unescape-and-forward' }, { path_with_escaped_slashes_action: 'UNESCAPE_AND_FORWARD' }],
  [{ requestHeadersTimeout: '10s' }, { request_headers_timeout: '10s' }],
  [{ streamIdleTimeout: '1m' }, { stream_idle_timeout: '60s' }],
  [{ connectionIdleTimeout: '2h' }, { 'common_http_protocol_options.idle_timeout': '7200s' }],
  [{ tlsHandshakeTimeout: '3s' }, { transport_socket_connect_timeout: '3s' }],
  [{ requestTimeout: '1m' }, { request_timeout: '60s' }],
  [{ metricsMaxConnections: 4 }, { 'typed_config.max_connections': '4' }],
  [{ http2: { maxConcurrentStreams: 1000 } }, { 'http2_protocol_options.max_concurrent_streams': 1000 }],
  [{ http2: { initialStreamWindowSize: 1048576 } }, { 'http2_protocol_options.initial_stream_window_size': 1048576 }],
  [{ http2: { initialConnectionWindowSize: 16777216 } }, { 'http2_protocol_options.initial_connection_window_size': 16777216 }],
  [
    { bufferLimitBytes: 1048576, normalizePath: false, escapedSlashes: 'keep' },
    { per_connection_buffer_limit_bytes: 1048576, normalize_path: false, path_with_escaped_slashes_action: 'KEEP_UNCHANGED' },
  ],
];

const endsWith = (path: string, suffix: string): boolean => path === suffix || path.endsWith(`.${suffix}`) || path.endsWith(`:${suffix}`);

describe('each hardening override changes exactly its field(s), everywhere', () => {
  for (const [override, changes] of OVERRIDES) {
    test(JSON.stringify(override), () => {
      const after = leaves(shopWith(override));
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'the same structure');
      const unexpected: string[] = [];
      const seen = new Map<string, number>();
      for (const [path, value] of before) {
        const suffix = isMetricsOwn(path) || isOutboundUnderscores(path) ? undefined : Object.keys(changes).find((s) => endsWith(path, s));
        if (suffix === undefined) {
          if (after.get(path) !== value) unexpected.push(`${path}: ${value} → ${String(after.get(path))}`);
          continue;
        }
        assert.equal(after.get(path), JSON.stringify(changes[suffix]), path);
        seen.set(suffix, (seen.get(suffix) ?? 0) + 1);
      }
      assert.deepEqual(unexpected, [], 'nothing else changes');
      for (const suffix of Object.keys(changes)) assert.ok((seen.get(suffix) ?? 0) > 0, `${suffix} occurs in the output`);
    });
  }
});

test('the overrides reach every place: 3 sidecars × (listeners + clusters) buffer limits, 5 connection managers of the mesh', () => {
  const count = (suffix: string) => [...before.keys()].filter((p) => endsWith(p, suffix)).length;
  const total = [...shop.values()].reduce((n, b) => n + listeners(b).length + clusters(b).length, 0);
  assert.equal(count('per_connection_buffer_limit_bytes'), total);
  assert.equal(count('normalize_path'), 5);
  assert.equal(count('max_heap_size_bytes'), 3);
  assert.equal(metricsChains.length, 3, 'a metrics listener per sidecar');
  assert.equal([...before.keys()].filter(isMetricsOwn).length, 6, 'its two timeouts each, left as they are');
});
