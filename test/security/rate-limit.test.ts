/**
 * Rate limits, judged by which limit a request is counted against. The inbound route table is
 * matched as Envoy does (first match wins); local limits come from the route's per-filter
 * setting, else the filter's; global limits are the descriptors the route's actions build, looked
 * up in the rate-limit service's configuration (envoyproxy/ratelimit: each entry descends one
 * level, by key and value, or by key alone; the limit at the last level applies).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { allHcms, arr, at, compileMesh, httpFilters, obj, type Compiled, type Json } from './helpers.js';

interface Request {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The connection's peer (the caller's sidecar). */
  readonly peer?: string;
}

const LOCAL = 'envoy.filters.http.local_ratelimit';

function inboundHcm(bootstrap: Json): Json {
  const inbound = allHcms(bootstrap).filter(({ listener }) => listener['traffic_direction'] === 'INBOUND');
  assert.ok(inbound.length > 0, 'an inbound HTTP connection manager');
  for (const { hcm } of inbound) assert.deepEqual(hcm, inbound[0]?.hcm, 'every chain has the same connection manager');
  return inbound[0]?.hcm as Json;
}

function headerValue(r: Request, name: string): string | undefined {
  if (name === ':method') return r.method;
  if (name === ':path') return r.path;
  return Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Envoy route matching, for the subset meshc writes in inbound tables. */
function routeFor(hcm: Json, r: Request): Json {
  const bare = r.path.replace(/[?#].*$/s, '');
  const hosts = arr(at(hcm, 'route_config.virtual_hosts'), 'virtual_hosts');
  assert.equal(hosts.length, 1);
  const route = arr(hosts[0]?.['routes'], 'routes').find((candidate) => {
    const match = obj(candidate['match'], 'match');
    const pathOk =
      typeof match['prefix'] === 'string' ? bare.startsWith(match['prefix']) : typeof match['path'] === 'string' ? bare === match['path'] : assert.fail(`route match ${JSON.stringify(match)}`);
    const headersOk = arr(match['headers'] ?? [], 'headers').every((h) => {
      const value = headerValue(r, String(h['name']));
      const m = obj(h['string_match'], 'header string_match (others not modelled)');
      if (value === undefined) return false;
      if (typeof m['exact'] === 'string') return value === m['exact'];
      if (typeof at(m, 'safe_regex.regex') === 'string') return new RegExp(`^(?:${String(at(m, 'safe_regex.regex'))})$`).test(value);
      return assert.fail(`header matcher ${JSON.stringify(m)}`);
    });
    return pathOk && headersOk;
  });
  assert.ok(route, `no inbound route for ${r.method} ${r.path}`);
  return route;
}

/** The token bucket a request draws from in the service's own sidecar, if any. */
function localBucket(bootstrap: Json, r: Request): Json | undefined {
  const hcm = inboundHcm(bootstrap);
  const filter = httpFilters(hcm).find((f) => f['name'] === LOCAL);
  if (!filter) return undefined;
  const perRoute = at(routeFor(hcm, r), `typed_per_filter_config`) as Json | undefined;
  const config = obj(perRoute?.[LOCAL] ?? filter['typed_config'], 'local rate limit');
  if (at(config, 'filter_enforced.default_value.numerator') !== 100) return undefined;
  return config['token_bucket'] as Json | undefined;
}

type Descriptor = [key: string, value: string][];

/**
 * The descriptors the route's rate_limits build. A request_headers action on a missing header
 * drops the whole descriptor (skip_if_absent: false, the default) or only its own entry.
 * remote_address is the trusted client address: without use_remote_address, the last
 * X-Forwarded-For address if there is one.
 */
function descriptors(hcm: Json, r: Request, route: Json = routeFor(hcm, r)): Descriptor[] {
  return arr(at(route, 'route.rate_limits') ?? [], 'rate_limits').flatMap((limit) => {
    const entries: Descriptor = [];
    for (const action of arr(limit['actions'], 'actions')) {
      const [kind] = Object.keys(action);
      const a = obj(action[kind ?? ''], `action ${String(kind)}`);
      if (kind === 'generic_key') entries.push([String(a['descriptor_key'] ?? 'generic_key'), String(a['descriptor_value'])]);
      else if (kind === 'request_headers') {
        const value = headerValue(r, String(a['header_name']));
        if (value !== undefined) entries.push([String(a['descriptor_key']), value]);
        else if (a['skip_if_absent'] !== true) return [];
      } else if (kind === 'remote_address') {
        const xff = hcm['use_remote_address'] === true ? undefined : headerValue(r, 'x-forwarded-for')?.split(',').at(-1)?.trim();
        entries.push(['remote_address', xff ?? r.peer ?? '10.40.0.20']);
      } else assert.fail(`rate limit action ${String(kind)} is not modelled`);
    }
    return [entries];
  });
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
  const hcm = inboundHcm(out.bootstrap(service));
  const filter = httpFilters(hcm).find((f) => f['name'] === 'envoy.filters.http.ratelimit');
  if (!filter || !config) return [];
  assert.equal(at(filter, 'typed_config.domain'), config['domain'], 'the sidecar asks in the domain the service is configured for');
  return descriptors(hcm, r).flatMap((d) => limitOf(config, d) ?? []).sort();
}

const golden = (name: string) => compileMesh({ 'mesh.yaml': readFileSync(join(GOLDEN_DIR, name, 'input', 'mesh.yaml'), 'utf8') });

const KEY = { 'x-api-key': 'k-1' };

describe('golden/rate-limit-local-and-global: which limits a request to payments counts against', () => {
  const out = golden('rate-limit-local-and-global');
  const payments = out.bootstrap('payments');
  const cases: readonly [string, Request, bucket: Json | undefined, global: string[]][] = [
    ['POST /transfers with a key', { method: 'POST', path: '/transfers/1', headers: KEY }, { max_tokens: 40, tokens_per_fill: 20, fill_interval: '1s' }, ['100/minute']],
    ['GET /transfers (not the route: POST only)', { method: 'GET', path: '/transfers/1', headers: KEY }, { max_tokens: 200, tokens_per_fill: 200, fill_interval: '1s' }, []],
    ['POST /accounts', { method: 'POST', path: '/accounts', headers: KEY }, { max_tokens: 200, tokens_per_fill: 200, fill_interval: '1s' }, []],
  ];
  for (const [what, r, bucket, global] of cases) {
    test(what, () => {
      assert.deepEqual(localBucket(payments, r), bucket, 'local bucket');
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
    ['GET /balance', { method: 'GET', path: '/balance', headers: KEY }, ['1000/minute']],
  ];
  for (const [what, r, limits] of cases) test(what, () => assert.deepEqual(globalLimits(out, 'payments', r), limits));
});

describe('golden/rate-limit-local: per-route buckets override the service bucket on their route', () => {
  const quotes = golden('rate-limit-local').bootstrap('quotes');
  test('/bulk draws from its own bucket; everything else from the service bucket', () => {
    assert.deepEqual(localBucket(quotes, { method: 'GET', path: '/bulk/x' }), { max_tokens: 5, tokens_per_fill: 5, fill_interval: '60s' });
    assert.deepEqual(localBucket(quotes, { method: 'GET', path: '/quote' }), { max_tokens: 200, tokens_per_fill: 100, fill_interval: '1s' });
  });
});

describe('every descriptor a route can send has a limit in the service configuration', () => {
  for (const name of ['rate-limit-global', 'rate-limit-local-and-global']) {
    test(name, () => {
      const out = golden(name);
      const config = out.files.get('_mesh/ratelimit/config.yaml') as Json;
      for (const [path] of out.files) {
        const service = /^([^/]+)\/bootstrap\.yaml$/.exec(path)?.[1];
        if (!service) continue;
        for (const { listener, hcm } of allHcms(out.bootstrap(service))) {
          if (listener['traffic_direction'] !== 'INBOUND') continue;
          for (const route of arr(at(arr(at(hcm, 'route_config.virtual_hosts'), 'virtual_hosts')[0], 'routes'), 'routes')) {
            const everything: Request = { method: 'POST', path: '/', headers: { 'x-api-key': 'k' } };
            for (const d of descriptors(hcm, everything, route)) {
              assert.ok(limitOf(config, d), `${service} ${String(route['name'])}: ${JSON.stringify(d)} has no limit`);
            }
          }
        }
      }
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

  test(
    'a request without the `by` header is still counted',
    { todo: 'bug: request_headers without skip_if_absent drops the whole descriptor when the header is missing, so omitting x-api-key escapes the global limit' },
    () => {
      const out = compileMesh(mesh('{ header: x-api-key }'));
      assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/', headers: KEY }), ['100/minute']);
      assert.deepEqual(globalLimits(out, 'payments', { method: 'GET', path: '/' }), ['100/minute']);
    },
  );

  test(
    'a limit by remoteAddress counts the connection\u2019s peer, whatever X-Forwarded-For says',
    { todo: 'bug: the inbound connection manager does not set use_remote_address, so remote_address is the last X-Forwarded-For entry, which the calling application chooses: a new value per request escapes the limit' },
    () => {
      const hcm = inboundHcm(compileMesh(mesh('{ remoteAddress: true }')).bootstrap('payments'));
      const from = (xff: string) => descriptors(hcm, { method: 'GET', path: '/', peer: '10.40.0.20', headers: { 'x-forwarded-for': xff } });
      assert.deepEqual(from('1.1.1.1'), from('2.2.2.2'));
    },
  );
});
