/**
 * WebSocket upgrades through both sidecars: the caller's route to the callee allows the upgrade
 * (RouteAction.upgrade_configs), and the callee's own connection manager allows it for its
 * inbound traffic, which reaches it only on the routes its callers allowed. Envoy refuses an
 * upgrade whose type is not configured, so both hops must say it.
 */
import type { PolicyModule } from '../../policies/policy.js';

const WEBSOCKET_UPGRADE = [{ upgrade_type: 'websocket' }] as const;

export const websocketLowering: PolicyModule = {
  id: 'websocket',
  order: 970,
  routeAction: (route) => (route.websocket ? { upgrade_configs: WEBSOCKET_UPGRADE } : undefined),
  httpConnectionManager: ({ direction, self }) => (direction === 'inbound' && self.routes.some((r) => r.websocket) ? { upgrade_configs: WEBSOCKET_UPGRADE } : undefined),
};
