/** The websocket feature alone: its rule in process, and its lowering on both sidecars built by it alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { websocket } from '../../../src/features/websocket/index.js';
import { websocketNeedsHttp1 } from '../../../src/features/websocket/rules/websocket-needs-http1.js';
import { ruleChecker } from '../../helpers/rule.js';
import { catalogMesh } from '../../validate/helpers.js';
import { callerAndCallee, fixtureRoute, fixtureService, outboundRoutes, sidecarWithOnly } from '../../helpers/ir.js';
import type { PolicyModule } from '../../../src/policies/policy.js';

const ONLY_WEBSOCKET: readonly PolicyModule[] = websocket.lower ? [websocket.lower] : [];

test('websocket on an http2 or grpc service is refused where written, inherited or not', () => {
  const check = ruleChecker(websocketNeedsHttp1);
  const grpc = (...fields: string[]) => catalogMesh(undefined, ...fields).replace('protocol: http', 'protocol: grpc');
  assert.deepEqual(check(grpc('websocket: true')), ['websocket-needs-http1@mesh.yaml:7:5']);
  assert.deepEqual(check(grpc('routes:', '  - { to: v1, websocket: true }')), ['websocket-needs-http1@mesh.yaml:8:19']);
  assert.deepEqual(check(grpc('websocket: true', 'routes:', '  - { to: v1, websocket: false }')), [], 'the route turns it off');
  assert.deepEqual(check(catalogMesh(undefined, 'websocket: true')), [], 'http is fine');
});

test('the caller\u2019s route allows the upgrade, and the callee\u2019s inbound connection manager too', () => {
  const callee = fixtureService('chat', { routes: [fixtureRoute({ name: 'live', websocket: true }), fixtureRoute({ name: 'plain' })] });
  const mesh = callerAndCallee(callee);
  const routes = outboundRoutes(sidecarWithOnly(ONLY_WEBSOCKET, mesh), 'chat');
  assert.deepEqual(
    routes.map((r) => ('route' in r ? r.route : undefined)),
    [{ upgrade_configs: [{ upgrade_type: 'websocket' }] }, {}],
  );
  const inbound = sidecarWithOnly(ONLY_WEBSOCKET, mesh, 'chat').bootstrap.static_resources.listeners[0];
  const hcm = inbound?.filter_chains[0]?.filters[0]?.typed_config;
  assert.deepEqual(hcm?.['upgrade_configs'], [{ upgrade_type: 'websocket' }]);
  const callerInbound = sidecarWithOnly(ONLY_WEBSOCKET, mesh).bootstrap.static_resources.listeners[0]?.filter_chains[0]?.filters[0]?.typed_config;
  assert.equal(callerInbound?.['upgrade_configs'], undefined, 'a service without websocket routes does not upgrade inbound');
});
