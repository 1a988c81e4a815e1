/**
 * The retries lowering on IR fixtures (no DSL): the exact Envoy retry policy of one route, and
 * the route the real route builder makes of it next to the other policies' fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retriesLowering } from '../../../src/features/retries/lower.js';
import { buildOutboundRouteConfiguration } from '../../../src/sidecar/route.js';
import { fixtureMesh, fixtureRoute, fixtureService } from '../../helpers/ir.js';

const RETRIES = { attempts: 3, on: ['5xx', 'retriable-status-codes'], perTryTimeoutMs: 250, statusCodes: [503], backoff: { baseMs: 25, maxMs: 250 } } as const;

test('a route with retries gets the retry policy, retrying on another host', () => {
  const callee = fixtureService('catalog', { routes: [fixtureRoute({ retries: RETRIES })] });
  const route = callee.routes[0];
  assert.ok(route);
  assert.deepEqual(retriesLowering.routeAction?.(route, { mesh: fixtureMesh([callee]), callee }), {
    retry_policy: {
      retry_on: '5xx,retriable-status-codes',
      num_retries: 3,
      per_try_timeout: '0.250s',
      retriable_status_codes: [503],
      retry_back_off: { base_interval: '0.025s', max_interval: '0.250s' },
      retry_host_predicate: [
        { name: 'envoy.retry_host_predicates.previous_hosts', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' } },
      ],
      host_selection_retry_max_attempts: '3',
    },
  });
});

test('optional fields stay out, and a route without retries gets no policy', () => {
  const bare = fixtureRoute({ retries: { attempts: 1, on: ['reset'], statusCodes: [] } });
  const callee = fixtureService('catalog', { routes: [bare, fixtureRoute({ name: 'plain' })] });
  const ctx = { mesh: fixtureMesh([callee]), callee };
  assert.deepEqual(Object.keys(retriesLowering.routeAction?.(bare, ctx)?.retry_policy ?? {}), [
    'retry_on',
    'num_retries',
    'retry_host_predicate',
    'host_selection_retry_max_attempts',
  ]);
  assert.equal(retriesLowering.routeAction?.(callee.routes[1] ?? bare, ctx), undefined);
});

test('in the caller\u2019s route table the policy sits in the route action beside the other policies\u2019 fields', () => {
  const callee = fixtureService('catalog', { routes: [fixtureRoute({ retries: RETRIES })] });
  const config = buildOutboundRouteConfiguration({ mesh: fixtureMesh([callee]), callee });
  const route = config.virtual_hosts?.[0]?.routes?.[0];
  const action = route && 'route' in route ? route.route : undefined;
  assert.ok(action);
  assert.equal(action.retry_policy?.num_retries, 3);
  assert.equal(action.timeout, '15s', 'the timeouts policy still writes its own field');
});
