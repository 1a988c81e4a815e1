/**
 * Rate limits, judged by which limit a request is counted against. Each request goes through
 * the limited service's inbound listener as Envoy would take it (test/security/helpers.ts
 * `inbound`: handshake, connection manager, filters, then the route table, first match wins);
 * local limits come from the route's per-filter setting (its own bucket, or the filter disabled),
 * else the filter's; global limits are the descriptors the route's actions build, looked up in
 * the rate-limit service's configuration (envoyproxy/ratelimit: each entry descends one level,
 * by key and value, or by key alone; the limit at the last level applies).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileText } from '../helpers/diagnose.js';
import { GOLDEN_DIR } from '../helpers/golden.js';
import {
  allHcms,
  arr,
  at,
  compileMesh,
  filterChains,
  httpFilters,
  inbound,
  inboundListener,
  INTERNAL_ONLY_CONTROLS,
  networkFilters,
  rateLimitDescriptors,
  routesOf,
  spiffe,
  type Compiled,
  type Descriptor,
  type Inbound,
  type Json,
} from './helpers.js';

/** A request to the limited service, over mTLS from gateway's sidecar unless said otherwise. */
interface Request {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The connection's peer (the caller's sidecar). */
  readonly peer?: string;
  /** A verified end-user token (for services with jwt). */
  readonly jwt?: { readonly iss: string; readonly [claim: string]: unknown };
}

const GATEWAY = spiffe('bank.example', 'gateway');

/** The request through the service's inbound listener: it must get in. */
function through(bootstrap: Json, r: Request): Required<Pick<Inbound, 'hcm' | 'route' | 'limits' | 'headers' | 'clientAddress'>> {
  const view = inbound(bootstrap, {
    principal: GATEWAY,
    method: r.method,
    path: r.path,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.peer ? { peer: r.peer } : {}),
    ...(r.jwt ? { jwt: r.jwt } : {}),
  });
  assert.equal(view.outcome, 'allowed', `${r.method} ${r.path} gets in`);
  const { hcm, route, limits, headers, clientAddress } = view;
  assert.ok(hcm && route && limits && headers && clientAddress !== undefined);
  return { hcm, route, limits, headers, clientAddress };
}

/** The token buckets a request draws from in the service's own sidecar (it needs a token from each). */
function localBuckets(bootstrap: Json, r: Request): readonly Json[] {
  return through(bootstrap, r).limits.buckets;
}

function descriptors(bootstrap: Json, r: Request): readonly Descriptor[] {
  return through(bootstrap, r).limits.descriptors;
}

/** The limit envoyproxy/ratelimit applies to a descriptor: `<n>/<unit>`, or undefined. */
function limitOf(config: Json, descriptor: Descriptor): string | undefined {
  let level = arr(config['descriptors'], 'descriptors');
  let node: Json | undefined;
  for (const [key, value] of descriptor) {
    node = level.find((d) => d['key'] === key && d['value'] === value) ?? level.find((d) => d['key'] === key && d['value'] === undefined);
    if (!node) return undefined;
    level = arr(node['descriptors'] ?? [], 'descriptors');
  }
  const limit = node?.['rate_limit'] as Json | undefined;
  return limit ? `${String(limit['requests_per_unit'])}/${String(limit['unit'])}` : undefined;
}

/** Global limits a request counts against, as `<n>/<unit>`, sorted. */
function globalLimits(out: Compiled, service: string, r: Request): string[] {
  const config = out.files.get('_mesh/ratelimit/config.yaml');
  const { hcm, limits } = through(out.bootstrap(service), r);
  const filter = httpFilters(hcm).find((f) => f['name'] === 'envoy.filters.http.ratelimit');
  if (!filter || !config) return [];
  assert.equal(at(filter, 'typed_config.domain'), config['domain'], 'the sidecar asks in the domain the service is configured for');
  return limits.descriptors.flatMap((d) => limitOf(config, d) ?? []).sort();
}

const golden = (name: string) => compileMesh({ 'mesh.yaml': readFileSync(join(GOLDEN_DIR, name, 'input', 'mesh.yaml'), 'utf8') });

const KEY = { 'x-api-key': 'k-1' };

describe('golden/rate-limit-local-and-global: which limits a request to payments counts against', () => {
  const out = golden('rate-limit-local-and-global');
  const payments = out.bootstrap('payments');
  const SERVICE = { max_tokens: 200, tokens_per_fill: 200, fill_interval: '1s' };
  const TRANSFERS = { max_tokens: 40, tokens_per_fill: 20, fill_interval: '1s' };
  // On /transfers the route's bucket and the service's both apply: the declared service rate holds in total.
  const cases: readonly [string, Request, buckets: Json[], global: string[]][] = [
    ['POST /transfers with a key', { method: 'POST', path: '/transfers/1', headers: KEY }, [SERVICE, TRANSFERS], ['100/minute']],
    ['POST /transfers without a key', { method: 'POST', path: '/transfers/1' }, [SERVICE, TRANSFERS], ['100/minute']],
    ['GET /transfers (not the route: POST only)', { method: 'GET', path: '/transfers/1', headers: KEY }, [SERVICE], []],
    ['POST /accounts', { method: 'POST', path: '/accounts', headers: KEY }, [SERVICE], []],
  ];
  for (const [what, r, buckets, global] of cases) {
    test(what, () => {
      assert.deepEqual(localBuckets(payments, r), buckets, 'local buckets');
      assert.deepEqual(globalLimits(out, 'payments', r), global, 'global limits');
    });
  }
  test('the caller\u2019s sidecar applies none of it', () => {
    for (const { hcm } of allHcms(out.bootstrap('gateway'))) {
      assert.ok(!httpFilters(hcm).some((f) => String(f['name']).includes('ratelimit')));
    }
  });
});

describe('golden/rate-limit-global: service-wide and per-route limits add up', () => {
  const out = golden('rate-limit-global');
  const cases: readonly [string, Request, string[]][] = [
    ['POST /transfers', { method: 'POST', path: '/transfers', headers: KEY, peer: '10.40.0.20' }, ['10/second', '1000/minute']],
    ['POST /transfers without a key', { method: 'POST', path: '/transfers' }, ['10/second', '1000/minute']],
    ['GET /balance', { method: 'GET', path: '/balance', headers: KEY }, ['1000/minute']],
    ['GET /balance without a key', { method: 'GET', path: '/balance' }, ['1000/minute']],
  ];
  for (const [what, r, limits] of cases) test(what, () => assert.deepEqual(globalLimits(out, 'payments', r), limits));
});

describe('golden/rate-limit-local: a route\u2019s bucket adds to the service bucket on its route', () => {
  const quotes = golden('rate-limit-local').bootstrap('quotes');
  const service = { max_tokens: 200, tokens_per_fill: 100, fill_interval: '1s' };
  test('/bulk draws from the service bucket and its own (a per-route config would have replaced the service one); everything else from the service bucket', () => {
    assert.deepEqual(localBuckets(quotes, { method: 'GET', path: '/bulk/x' }), [service, { max_tokens: 5, tokens_per_fill: 5, fill_interval: '60s' }]);
    assert.deepEqual(localBuckets(quotes, { method: 'GET', path: '/quote' }), [service]);
  });
});

describe('every descriptor a route can send has a limit in the service configuration', () => {
  for (const name of ['rate-limit-global', 'rate-limit-local-and-global', 'rate-limit-health-exempt']) {
    test(name, () => {
      const out = golden(name);
      const config = out.files.get('_mesh/ratelimit/config.yaml') as Json;
      let checked = 0;
      for (const [path] of out.files) {
        const service = /^([^/]+)\/bootstrap\.yaml$/.exec(path)?.[1];
        if (!service) continue;
        for (const { listener, hcm } of allHcms(out.bootstrap(service))) {
          if (listener['traffic_direction'] !== 'INBOUND') continue;
          for (const route of routesOf(hcm)) {
            // Every header a limit counts by, present or not; any client address.
            for (const present of [true, false]) {
              const headers = new Map([
                [':method', ['POST']],
                [':path', ['/']],
              ]);
              if (present) for (const h of ['x-api-key', 'x-customer-id']) headers.set(h, ['k']);
              for (const d of rateLimitDescriptors(hcm, route, headers, '10.40.0.20')) {
                checked++;
                assert.ok(limitOf(config, d), `${service} ${String(route['name'])}: ${JSON.stringify(d)} has no limit`);
              }
            }
          }
        }
      }
      assert.ok(checked > 0, 'some descriptors checked');
    });
  }
});

describe('limits cannot be sidestepped by the caller', () => {
  const mesh = (by: string) => `
    apiVersion: meshc/v1
    mesh: { name: bank, trustDomain: bank.example, rateLimitService: { address: ratelimit.bank.internal:8081 } }
    services:
      gateway: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.40.0.20] } }, calls: [payments] }
      payments:
        protocol: http
        port: 9300
        versions: { v1: { endpoints: [10.40.12.10] } }
        rateLimit: { global: { requests: 100, per: minute, by: [${by}] } }
  `;

  test('without `by`, every request counts against the one limit', () => {
    const out = compileMesh(mesh(''));
    assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/' }), ['100/minute']);
  });

  test('a request without the `by` header is still counted, all of them together', () => {
    const out = compileMesh(mesh('{ header: x-api-key }'));
    const payments = out.bootstrap('payments');
    assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/', headers: KEY }), ['100/minute']);
    assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/' }), ['100/minute']);
    assert.deepEqual(descriptors(payments, { method: 'GET', path: '/', headers: KEY }), [
      [
        ['service', 'payments'],
        ['header:x-api-key', 'k-1'],
      ],
    ]);
    assert.deepEqual(descriptors(payments, { method: 'GET', path: '/' }), [
      [
        ['service', 'payments'],
        ['header:x-api-key', 'absent'],
      ],
    ]);
    // An empty value is still a value of its own: present, not absent.
    assert.deepEqual(descriptors(payments, { method: 'GET', path: '/', headers: { 'x-api-key': '' } }), [
      [
        ['service', 'payments'],
        ['header:x-api-key', ''],
      ],
    ]);
  });

  test('two `by` headers: each missing one is counted as absent, in every combination', () => {
    const out = compileMesh(mesh('{ header: x-api-key }, { header: x-tenant }'));
    const payments = out.bootstrap('payments');
    const cases: readonly [Record<string, string>, Descriptor][] = [
      [
        { 'x-api-key': 'k', 'x-tenant': 't' },
        [
          ['service', 'payments'],
          ['header:x-api-key', 'k'],
          ['header:x-tenant', 't'],
        ],
      ],
      [
        { 'x-api-key': 'k' },
        [
          ['service', 'payments'],
          ['header:x-api-key', 'k'],
          ['header:x-tenant', 'absent'],
        ],
      ],
      [
        { 'x-tenant': 't' },
        [
          ['service', 'payments'],
          ['header:x-api-key', 'absent'],
          ['header:x-tenant', 't'],
        ],
      ],
      [
        {},
        [
          ['service', 'payments'],
          ['header:x-api-key', 'absent'],
          ['header:x-tenant', 'absent'],
        ],
      ],
    ];
    for (const [headers, expected] of cases) {
      assert.deepEqual(descriptors(payments, { method: 'GET', path: '/', headers }), [expected], JSON.stringify(headers));
      assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/', headers }), ['100/minute'], JSON.stringify(headers));
    }
  });

  test('a limit by remoteAddress counts the connection\u2019s peer, whatever X-Forwarded-For says', () => {
    const payments = compileMesh(mesh('{ remoteAddress: true }')).bootstrap('payments');
    const hcm = through(payments, { method: 'GET', path: '/' }).hcm;
    assert.equal(hcm['use_remote_address'], true, 'the inbound connection manager trusts only the socket');
    const from = (peer: string, xff?: string) => descriptors(payments, { method: 'GET', path: '/', peer, ...(xff !== undefined ? { headers: { 'x-forwarded-for': xff } } : {}) });
    const expected = [
      [
        ['service', 'payments'],
        ['remote_address', '10.40.0.20'],
      ],
    ];
    assert.deepEqual(from('10.40.0.20', '1.1.1.1'), expected);
    assert.deepEqual(from('10.40.0.20', '2.2.2.2, 3.3.3.3'), expected);
    assert.deepEqual(from('10.40.0.20'), expected);
    assert.deepEqual(
      from('10.40.0.21', '10.40.0.20'),
      [
        [
          ['service', 'payments'],
          ['remote_address', '10.40.0.21'],
        ],
      ],
      'another peer is another client',
    );
  });

  test('a `by` header named like one of meshc\u2019s own descriptor keys cannot steer a request into another limit', () => {
    const text = `
        apiVersion: meshc/v1
        mesh: { name: bank, trustDomain: bank.example, rateLimitService: { address: ratelimit.bank.internal:8081 } }
        services:
          gateway: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.40.0.20] } }, calls: [payments] }
          payments:
            protocol: http
            port: 9300
            versions: { v1: { endpoints: [10.40.12.10] } }
            rateLimit: { global: { requests: 100, per: minute, by: [{ header: route }] } }
            routes:
              - name: transfers
                match: { path: { prefix: /transfers } }
                to: v1
                rateLimit: { global: { requests: 10, per: second, by: [{ header: x-api-key }] } }
              - to: v1
      `;
    if (compileText(text).diagnostics.some((d) => d.severity === 'error')) return; // refused: fine too
    const out = compileMesh(text);
    assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/balance', headers: { route: 'other' } }), ['100/minute']);
    assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/balance', headers: { route: 'transfers' } }), ['100/minute']);
  });

  test('trusting the socket makes no caller internal: x-envoy-* request controls never reach the router or the app', () => {
    // CVE-2024-45806: with use_remote_address, Envoy before 1.36 took every RFC 1918 peer as
    // internal and obeyed its x-envoy-retry-on, x-envoy-upstream-rq-timeout-ms, ...
    for (const by of ['{ remoteAddress: true }', '']) {
      const payments = compileMesh(mesh(by)).bootstrap('payments');
      for (const peer of ['10.40.0.20', '192.168.1.1', '127.0.0.1', '172.16.0.1']) {
        const view = through(payments, { method: 'GET', path: '/', peer, headers: Object.fromEntries(INTERNAL_ONLY_CONTROLS.map((h) => [h, '1'])) });
        assert.deepEqual(
          INTERNAL_ONLY_CONTROLS.filter((h) => view.headers?.has(h)),
          [],
          `by: [${by}], from ${peer}`,
        );
        assert.equal(view.headers?.get('x-envoy-internal'), undefined, `by: [${by}], from ${peer}`);
      }
    }
  });

  test('only a service that limits by remoteAddress has its connection manager trust the socket', () => {
    for (const by of ['', '{ header: x-api-key }']) {
      const hcm = through(compileMesh(mesh(by)).bootstrap('payments'), { method: 'GET', path: '/' }).hcm;
      assert.equal(hcm['use_remote_address'], undefined, `by: [${by}]`);
    }
  });
});

// ── Health checks ───────────────────────────────────────────────────────────────────────────

describe('golden/rate-limit-health-exempt: health checks never count against a limit', () => {
  const out = golden('rate-limit-health-exempt');
  const payments = out.bootstrap('payments');
  const ledger = out.bootstrap('ledger');
  const CUSTOMER = { iss: 'https://login.bank.example/', sub: 'c-1' };
  const BUCKET = { max_tokens: 100, tokens_per_fill: 100, fill_interval: '1s' };

  const cases: readonly [what: string, bootstrap: Json, r: Request, route: string, bucket: Json | undefined, descriptors: Descriptor[]][] = [
    ['payments GET /ready', payments, { method: 'GET', path: '/ready' }, 'health-check', undefined, []],
    ['payments GET /ready?full=1 (as the health checker sends it)', payments, { method: 'GET', path: '/ready?full=1' }, 'health-check', undefined, []],
    ['payments POST /ready', payments, { method: 'POST', path: '/ready' }, 'health-check', undefined, []],
    [
      'payments GET /ready/x (not the health path)',
      payments,
      { method: 'GET', path: '/ready/x', jwt: CUSTOMER },
      'inbound',
      BUCKET,
      [
        [
          ['service', 'payments'],
          ['header:x-customer-id', 'c-1'],
          ['remote_address', '10.40.0.20'],
        ],
      ],
    ],
    [
      'payments GET /READY (paths are case-sensitive)',
      payments,
      { method: 'GET', path: '/READY', jwt: CUSTOMER },
      'inbound',
      BUCKET,
      [
        [
          ['service', 'payments'],
          ['header:x-customer-id', 'c-1'],
          ['remote_address', '10.40.0.20'],
        ],
      ],
    ],
    ['ledger POST /grpc.health.v1.Health/Check', ledger, { method: 'POST', path: '/grpc.health.v1.Health/Check' }, 'health-check', undefined, []],
    ['ledger POST /grpc.health.v1.Health/Watch', ledger, { method: 'POST', path: '/grpc.health.v1.Health/Watch' }, 'health-check', undefined, []],
    ['ledger POST /bank.Ledger/Write', ledger, { method: 'POST', path: '/bank.Ledger/Write' }, 'writes', { max_tokens: 10, tokens_per_fill: 10, fill_interval: '1s' }, []],
    ['ledger POST /bank.Ledger/Read (its catch-all route: no limit, no service bucket)', ledger, { method: 'POST', path: '/bank.Ledger/Read' }, 'route-1', undefined, []],
  ];
  for (const [what, bootstrap, r, routeName, bucket, expected] of cases) {
    test(what, () => {
      const view = through(bootstrap, r);
      assert.equal(view.route['name'], routeName, 'route');
      assert.equal(at(view.route, 'route.cluster'), `inbound|${what.split(' ')[0]}`, 'to the local application');
      assert.deepEqual(view.limits.buckets, bucket === undefined ? [] : [bucket], 'local buckets');
      assert.deepEqual(view.limits.descriptors, expected, 'global descriptors');
    });
  }

  test('the health-check route comes first (after the refusal of `;` paths), disables the service-wide local filter and sends no descriptor', () => {
    const disabled = { 'envoy.filters.http.local_ratelimit': { '@type': 'type.googleapis.com/envoy.config.route.v3.FilterConfig', disabled: true } };
    // ledger limits one route only: its route filter has no bucket outside that route, so nothing to disable.
    for (const [bootstrap, path, match, perFilter] of [
      [payments, '/ready', { path: '/ready' }, disabled],
      [ledger, '/grpc.health.v1.Health/Check', { prefix: '/grpc.health.v1.Health/' }, undefined],
    ] as const) {
      const { hcm, route } = through(bootstrap, { method: 'POST', path });
      const [, health] = routesOf(hcm);
      assert.equal(health, route, 'the first route takes the health check');
      assert.deepEqual(health?.['match'], match);
      assert.equal(at(health, 'route.rate_limits'), undefined);
      assert.deepEqual(health?.['typed_per_filter_config'], perFilter);
    }
  });

  test('a service without rate limits keeps its inbound table as it was: no health-check route', () => {
    const hcm = through(out.bootstrap('gateway'), { method: 'GET', path: '/' }).hcm;
    assert.deepEqual(
      routesOf(hcm).map((r) => r['name']),
      ['path-parameters-refused', 'inbound'],
    );
  });
});

describe('a global limit by a forwarded claim counts the verified claim, never what the client wrote', () => {
  const payments = golden('rate-limit-health-exempt').bootstrap('payments');
  const limited = (r: Request) => descriptors(payments, r);
  const token = (sub: string) => ({ iss: 'https://login.bank.example/', sub });

  test('the claim header the client sends is removed before the token\u2019s is added', () => {
    assert.deepEqual(limited({ method: 'GET', path: '/x', jwt: token('c-1'), headers: { 'x-customer-id': 'c-2' } }), [
      [
        ['service', 'payments'],
        ['header:x-customer-id', 'c-1'],
        ['remote_address', '10.40.0.20'],
      ],
    ]);
  });

  test('a forged claim header on the way to a health check reaches neither the limits nor the application', () => {
    const view = through(payments, { method: 'GET', path: '/ready', headers: { 'x-customer-id': 'c-2' } });
    assert.equal(view.headers.get('x-customer-id'), undefined);
  });

  test('without a token (refused on every path but the health check) nothing is counted', () => {
    assert.equal(inbound(payments, { principal: GATEWAY, path: '/x', headers: { 'x-customer-id': 'c-2' } }).outcome, 'unauthenticated');
  });
});

describe('a TCP service\u2019s connection limit holds in total under mtls: permissive', () => {
  test('both filter chains (mutual TLS, plaintext) share one bucket: the same share_key and token bucket', () => {
    const b = compileMesh(`
      apiVersion: meshc/v1
      mesh: { name: fx, trustDomain: fx.example, mtls: permissive }
      services:
        feed:
          protocol: tcp
          port: 9000
          versions: { v1: { endpoints: [10.0.0.1] } }
          rateLimit: { local: { requests: 10, per: 1s } }
    `).bootstrap('feed');
    const limits = filterChains(inboundListener(b)).map((chain) => {
      const filter = networkFilters(chain).find((f) => f['name'] === 'envoy.filters.network.local_ratelimit');
      return at(filter, 'typed_config');
    });
    assert.equal(limits.length, 2, 'two chains');
    assert.deepEqual(limits[0], limits[1]);
    assert.equal(at(limits[0], 'share_key'), 'inbound|feed');
  });
});
