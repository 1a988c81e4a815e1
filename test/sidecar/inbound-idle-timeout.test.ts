/**
 * A caller's route may let a stream idle longer than the connection manager's stream idle timeout
 * (route idle_timeout overrides stream_idle_timeout in Envoy's router). The callee's inbound side
 * must then not cut it sooner: its catch-all route allows the longest idle time of its routes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeouts } from '../../src/policies/timeouts.js';
import { BUILTIN } from '../../src/dsl/builtin.js';
import { callerAndCallee, fixtureRoute, fixtureService, sidecarWithOnly } from '../helpers/ir.js';
import type { RouteConfiguration } from '../../src/envoy/types.js';

function inboundRoutes(...idle: (number | undefined)[]) {
  const callee = fixtureService('chat', { routes: idle.map((ms, i) => fixtureRoute({ name: `r${i}`, ...(ms !== undefined ? { idleTimeoutMs: ms } : {}) })) });
  const listener = sidecarWithOnly([timeouts], callerAndCallee(callee), 'chat').bootstrap.static_resources.listeners[0];
  const hcm = listener?.filter_chains[0]?.filters[0]?.typed_config as { route_config?: RouteConfiguration } | undefined;
  // Forwarding routes only: the path-parameter refusal comes first and forwards nothing.
  return hcm?.route_config?.virtual_hosts[0]?.routes.flatMap((r) => ('route' in r ? [r.route] : []));
}

test('the inbound catch-all allows the longest route idle timeout when it exceeds the stream idle timeout', () => {
  assert.ok(BUILTIN.hardening.streamIdleTimeoutMs < 3_600_000);
  assert.deepEqual(inboundRoutes(3_600_000, 10_000, undefined), [{ cluster: 'inbound|chat', timeout: '0s', idle_timeout: '3600s' }]);
});

test('shorter route idle timeouts leave the inbound side to the connection manager', () => {
  assert.deepEqual(inboundRoutes(10_000, undefined), [{ cluster: 'inbound|chat', timeout: '0s' }]);
});
