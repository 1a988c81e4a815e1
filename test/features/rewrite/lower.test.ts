/** The rewrite lowering on IR fixtures: a caller's sidecar built by this feature alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewrite } from '../../../src/features/rewrite/index.js';
import { callerAndCallee, fixtureRoute, fixtureService, outboundRoutes, sidecarWithOnly } from '../../helpers/ir.js';
import type { PolicyModule } from '../../../src/policies/policy.js';

const ONLY_REWRITE: readonly PolicyModule[] = rewrite.lower ? [rewrite.lower] : [];

test('prefix, regex and host rewrites land on the route action, and nothing else does', () => {
  const callee = fixtureService('catalog', {
    routes: [
      fixtureRoute({ name: 'legacy', rewrite: { prefix: '/', host: 'catalog-legacy.internal' } }),
      fixtureRoute({ name: 'items', rewrite: { regex: { pattern: '^/items/([0-9]+)$', substitution: '/api/items/\\1' } } }),
      fixtureRoute({ name: 'plain' }),
    ],
  });
  assert.deepEqual(
    outboundRoutes(sidecarWithOnly(ONLY_REWRITE, callerAndCallee(callee)), 'catalog').map((r) => ('route' in r ? r.route : undefined)),
    [{ prefix_rewrite: '/', host_rewrite_literal: 'catalog-legacy.internal' }, { regex_rewrite: { pattern: { regex: '^/items/([0-9]+)$' }, substitution: '/api/items/\\1' } }, {}],
  );
});
