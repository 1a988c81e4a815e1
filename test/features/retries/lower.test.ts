/**
 * The retries lowering on IR fixtures (no DSL): a caller's sidecar built by this feature alone
 * (no other policy), so its route holds exactly what retries write, and the same route with
 * every policy, where retries sit beside the others' fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retries } from '../../../src/features/retries/index.js';
import { POLICIES } from '../../../src/policies/index.js';
import { callerAndCallee, fixtureRoute, fixtureService, outboundRoutes, sidecarWithOnly } from '../../helpers/ir.js';
import type { PolicyModule } from '../../../src/policies/policy.js';
import type { RetriesIR } from '../../../src/features/retries/ir.js';

const ONLY_RETRIES: readonly PolicyModule[] = retries.lower ? [retries.lower] : [];
const RETRIES: RetriesIR = { attempts: 3, on: ['5xx', 'retriable-status-codes'], perTryTimeoutMs: 250, statusCodes: [503], backoff: { baseMs: 25, maxMs: 250 } };

function routeOf(policies: readonly PolicyModule[], ...routes: Parameters<typeof fixtureRoute>[0][]) {
  const mesh = callerAndCallee(fixtureService('catalog', { routes: routes.map((r) => fixtureRoute(r)) }));
  return outboundRoutes(sidecarWithOnly(policies, mesh), 'catalog');
}

test('a route with retries gets the retry policy and nothing else, retrying on another host', () => {
  assert.deepEqual(routeOf(ONLY_RETRIES, { retries: RETRIES }), [
    {
      name: 'default',
      match: { prefix: '/' },
      route: {
        retry_policy: {
          retry_on: '5xx,retriable-status-codes',
          num_retries: 3,
          per_try_timeout: '0.250s',
          retriable_status_codes: [503],
          retry_back_off: { base_interval: '0.025s', max_interval: '0.250s' },
          retry_host_predicate: [
            {
              name: 'envoy.retry_host_predicates.previous_hosts',
              typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' },
            },
          ],
          host_selection_retry_max_attempts: '3',
        },
      },
    },
  ]);
});

test('optional fields stay out, and a route without retries gets no policy', () => {
  const [bare, plain] = routeOf(ONLY_RETRIES, { retries: { attempts: 1, on: ['reset'], statusCodes: [] } }, { name: 'plain' });
  assert.ok(bare && 'route' in bare && plain && 'route' in plain);
  assert.deepEqual(Object.keys(bare.route.retry_policy ?? {}), ['retry_on', 'num_retries', 'retry_host_predicate', 'host_selection_retry_max_attempts']);
  assert.deepEqual(plain.route, {});
});

test('with every policy, the retry policy sits in the route action beside the others\u2019 fields', () => {
  const [route] = routeOf(POLICIES, { retries: RETRIES });
  assert.ok(route && 'route' in route);
  assert.equal(route.route.retry_policy?.num_retries, 3);
  assert.equal(route.route.timeout, '15s', 'the timeouts policy still writes its own field');
  assert.equal(route.route.cluster, 'outbound|catalog|v1', 'traffic-split still writes the destination');
});

test('a tcp callee\u2019s attempts become the TCP proxy\u2019s connection attempts, the first included', () => {
  const callee = fixtureService('db', { protocol: 'tcp', routes: [fixtureRoute({ retries: { attempts: 2, on: [], statusCodes: [] } })] });
  const listener = sidecarWithOnly(ONLY_RETRIES, callerAndCallee(callee)).bootstrap.static_resources.listeners.find((l) => l.name === 'outbound|db');
  assert.deepEqual(listener?.filter_chains[0]?.filters[0]?.typed_config, {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
    stat_prefix: 'outbound|db',
    max_connect_attempts: 3,
  });
});
