/**
 * What an operator needs survives the stats inclusion list, and names what the mesh says: route
 * names in per-route stats and in the access log; rate-limit, authorization and TCP proxy stats
 * kept. Stat names are the ones Envoy produces for the stat prefixes meshc writes (read back from
 * the compiled bootstrap, so a renamed prefix fails here):
 *   vhost.<vhost>.route.<Route.stat_prefix>.upstream_rq_*   source/common/router/config_impl.cc (RouteStatsContext)
 *   <stat_prefix>.http_local_rate_limit.*                  source/extensions/filters/http/local_ratelimit/local_ratelimit.cc
 *   cluster.<route's cluster>.ratelimit.*                  source/extensions/filters/http/ratelimit/ratelimit.cc
 *   local_ratelimit.<stat_prefix>.*                        source/extensions/filters/network/local_ratelimit/local_ratelimit.cc
 *   <stat_prefix>.rbac.*                                   source/extensions/filters/common/rbac/utility.cc (generateStats)
 *   tcp.<stat_prefix>.*                                    source/common/tcp_proxy/tcp_proxy.cc
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATS_TAGS } from '../../src/policies/metrics.js';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { ENVOY_DEFAULT_EXTRACTORS, toSeries } from '../helpers/envoy-stats.js';
import { allHcms, arr, at, compileMesh, listeners, networkFilters, filterChains, obj, type Json } from '../security/helpers.js';

const golden = (name: string) => compileMesh({ 'mesh.yaml': readFileSync(join(GOLDEN_DIR, name, 'input', 'mesh.yaml'), 'utf8') });

/** StatsMatcher inclusion: a stat is kept when a StringMatcher (prefix, or RE2 full match) takes it. */
function kept(bootstrap: Json, stat: string): boolean {
  const patterns = arr(at(bootstrap, 'stats_config.stats_matcher.inclusion_list.patterns'), 'inclusion patterns');
  return patterns.some((p) => {
    if (typeof p['prefix'] === 'string') return stat.startsWith(p['prefix']);
    const regex = at(p, 'safe_regex.regex');
    assert.equal(typeof regex, 'string', `pattern ${JSON.stringify(p)}`);
    return new RegExp(`^(?:${String(regex)})$`).test(stat);
  });
}

function typedConfig(bootstrap: Json, filterName: string): Json[] {
  return listeners(bootstrap).flatMap((l) =>
    filterChains(l).flatMap((c) =>
      networkFilters(c)
        .filter((f) => f['name'] === filterName)
        .map((f) => obj(f['typed_config'], filterName)),
    ),
  );
}

test('named routes count per route in the caller, labelled with the callee and the route', () => {
  const mesh = golden('rate-limit-local-and-global');
  const gateway = mesh.bootstrap('gateway');
  const [outbound] = allHcms(gateway).filter(({ listener }) => listener['traffic_direction'] === 'OUTBOUND');
  const routes = arr(at(outbound?.hcm, 'route_config.virtual_hosts'), 'vhosts').flatMap((h) => arr(h['routes'], 'routes'));
  assert.deepEqual(
    routes.map((r) => [r['name'], r['stat_prefix']]),
    [
      ['transfers', 'transfers'],
      ['route-1', 'route-1'],
    ],
  );
  const stat = 'vhost.payments.route.transfers.upstream_rq_completed';
  assert.ok(kept(gateway, stat));
  assert.deepEqual(toSeries(stat, [...ENVOY_DEFAULT_EXTRACTORS, ...STATS_TAGS]), {
    name: 'envoy_vhost_route_upstream_rq_completed',
    labels: { peer: 'payments', route: 'transfers' },
  });
});

test('the access log names the route and logs the routed path without its query', () => {
  const gateway = golden('rate-limit-local-and-global').bootstrap('gateway');
  for (const { listener, hcm } of allHcms(gateway).filter(({ listener }) => listener['name'] !== 'metrics')) {
    const format = obj(at(arr(hcm['access_log'], 'access_log')[0], 'typed_config.log_format'), 'log_format');
    const fields = obj(format['json_format'], 'json_format');
    assert.equal(fields['route'], '%ROUTE_NAME%', String(listener['name']));
    // Not X-ENVOY-ORIGINAL-PATH, which a caller can send; not the query, which carries tokens.
    assert.equal(fields['path'], '%REQ_WITHOUT_QUERY(:PATH)%');
    assert.deepEqual(
      arr(format['formatters'], 'formatters').map((f) => f['name']),
      ['envoy.formatter.req_without_query'],
    );
  }
});

test('local and global rate-limit stats are kept, the fail-open counter included', () => {
  const payments = golden('rate-limit-local-and-global').bootstrap('payments');
  const [inbound] = allHcms(payments).filter(({ listener }) => listener['traffic_direction'] === 'INBOUND');
  const local = arr(inbound?.hcm['http_filters'], 'http_filters').find((f) => f['name'] === 'envoy.filters.http.local_ratelimit');
  const prefix = String(at(local, 'typed_config.stat_prefix'));
  for (const stat of ['rate_limited', 'ok', 'enabled', 'enforced']) assert.ok(kept(payments, `${prefix}.http_local_rate_limit.${stat}`), stat);
  for (const stat of ['ok', 'error', 'over_limit', 'failure_mode_allowed']) {
    assert.ok(kept(payments, 'cluster.inbound|payments.ratelimit.' + stat), stat);
  }
});

test('TCP proxies log every connection and keep their stats; network RBAC stats are kept', () => {
  const mesh = golden('authz-tcp');
  for (const [service, bootstrap] of mesh.files) {
    if (!service.endsWith('/bootstrap.yaml')) continue;
    for (const proxy of typedConfig(bootstrap, 'envoy.filters.network.tcp_proxy')) {
      const log = arr(proxy['access_log'], `${service} tcp_proxy access_log`)[0];
      const fields = obj(at(log, 'typed_config.log_format.json_format'), 'json_format');
      assert.equal(fields['bytes_sent'], '%BYTES_SENT%');
      assert.equal(fields['upstream_host'], '%UPSTREAM_HOST%');
      for (const stat of ['downstream_cx_total', 'downstream_cx_no_route', 'idle_timeout']) {
        assert.ok(kept(bootstrap, `tcp.${String(proxy['stat_prefix'])}.${stat}`), `${service}: ${stat}`);
      }
    }
    for (const rbac of typedConfig(bootstrap, 'envoy.filters.network.rbac')) {
      for (const stat of ['allowed', 'denied']) assert.ok(kept(bootstrap, `${String(rbac['stat_prefix'])}.rbac.${stat}`), stat);
    }
  }
});
