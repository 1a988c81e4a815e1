/**
 * The headers feature alone: inheritance by header name (effective.ts) on models assembled from
 * YAML, and the lowering on IR fixtures, with the exact Envoy route fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveHeaders } from '../../../src/features/headers/effective.js';
import { headersLowering } from '../../../src/features/headers/lower.js';
import { policyChain } from '../../../src/dsl/effective.js';
import { buildOutboundRouteConfiguration } from '../../../src/sidecar/route.js';
import { modelOf } from '../../helpers/rule.js';
import { catalogMesh } from '../../validate/helpers.js';
import { fixtureMesh, fixtureRoute, fixtureService } from '../../helpers/ir.js';
import type { HeadersIR } from '../../../src/features/headers/ir.js';

function routeChain(text: string, routeIndex?: number) {
  const model = modelOf(text);
  const service = model.serviceByName.get('catalog');
  assert.ok(service);
  return policyChain(model, service, routeIndex);
}

test('the closest level decides per header name, in lower case; untouched headers are inherited', () => {
  const text = catalogMesh(
    '{ headers: { response: { remove: [server, x-powered-by] } } }',
    'headers: { request: { set: { X-Tenant: store }, add: { x-tag: a } }, response: { set: { Server: catalog } } }',
    'routes:',
    '  - { to: v1, headers: { request: { remove: [x-tenant] } } }',
  );
  assert.deepEqual(effectiveHeaders(routeChain(text, 0)), {
    request: [
      { name: 'x-tag', operation: 'add', value: 'a' },
      { name: 'x-tenant', operation: 'remove' },
    ],
    response: [
      { name: 'server', operation: 'set', value: 'catalog' },
      { name: 'x-powered-by', operation: 'remove' },
    ],
  });
  assert.equal(effectiveHeaders(routeChain(catalogMesh(undefined))), undefined, 'nothing written, nothing changed');
});

const HEADERS: HeadersIR = {
  request: [
    { name: 'x-discount', operation: 'set', value: '10%' },
    { name: 'x-debug', operation: 'remove' },
    { name: 'x-tag', operation: 'add', value: 'a' },
  ],
  response: [{ name: 'server', operation: 'remove' }],
};

test('set overwrites, add appends, remove lists names; % is doubled so that Envoy reads it literally', () => {
  const callee = fixtureService('catalog', { routes: [fixtureRoute({ headers: HEADERS })] });
  const route = callee.routes[0];
  assert.ok(route);
  assert.deepEqual(headersLowering.route?.(route, { mesh: fixtureMesh([callee]), callee }), {
    request_headers_to_add: [
      { header: { key: 'x-discount', value: '10%%' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'x-tag', value: 'a' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ],
    request_headers_to_remove: ['x-debug'],
    response_headers_to_remove: ['server'],
  });
  assert.equal(headersLowering.route?.(fixtureRoute(), { mesh: fixtureMesh([callee]), callee }), undefined);
});

test('the fields sit on the caller\u2019s route itself, beside its action', () => {
  const callee = fixtureService('catalog', { routes: [fixtureRoute({ headers: HEADERS })] });
  const route = buildOutboundRouteConfiguration({ mesh: fixtureMesh([callee]), callee }).virtual_hosts[0]?.routes[0];
  assert.ok(route && 'route' in route);
  assert.deepEqual(route.request_headers_to_remove, ['x-debug']);
  assert.equal(route.route.cluster, 'outbound|catalog|v1');
});
