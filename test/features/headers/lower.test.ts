/**
 * The headers feature alone: inheritance by header name (effective.ts) on models assembled from
 * YAML, and the lowering on IR fixtures: a caller's sidecar built by this feature alone, with
 * the exact Envoy route fields, and the same route with every policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveHeaders } from '../../../src/features/headers/effective.js';
import { headers } from '../../../src/features/headers/index.js';
import { POLICIES } from '../../../src/policies/index.js';
import type { PolicyModule } from '../../../src/policies/policy.js';
import { policyChain } from '../../../src/dsl/effective.js';
import { modelOf } from '../../helpers/rule.js';
import { catalogMesh } from '../../validate/helpers.js';
import { callerAndCallee, fixtureRoute, fixtureService, outboundRoutes, sidecarWithOnly } from '../../helpers/ir.js';
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

const ONLY_HEADERS: readonly PolicyModule[] = headers.lower ? [headers.lower] : [];

function routesOf(policies: readonly PolicyModule[], ...routes: Parameters<typeof fixtureRoute>[0][]) {
  const mesh = callerAndCallee(fixtureService('catalog', { routes: routes.map((r) => fixtureRoute(r)) }));
  return outboundRoutes(sidecarWithOnly(policies, mesh), 'catalog');
}

test('a sidecar built by this feature alone: set overwrites, add appends, remove lists names; % is doubled so that Envoy reads it literally', () => {
  assert.deepEqual(routesOf(ONLY_HEADERS, { headers: HEADERS }, { name: 'plain' }), [
    {
      name: 'default',
      match: { prefix: '/' },
      route: {},
      request_headers_to_add: [
        { header: { key: 'x-discount', value: '10%%' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
        { header: { key: 'x-tag', value: 'a' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
      ],
      request_headers_to_remove: ['x-debug'],
      response_headers_to_remove: ['server'],
    },
    { name: 'plain', match: { prefix: '/' }, route: {} },
  ]);
});

test('with every policy the fields sit on the caller\u2019s route itself, beside its action', () => {
  const [route] = routesOf(POLICIES, { headers: HEADERS });
  assert.ok(route && 'route' in route);
  assert.deepEqual(route.request_headers_to_remove, ['x-debug']);
  assert.equal(route.route.cluster, 'outbound|catalog|v1');
});
