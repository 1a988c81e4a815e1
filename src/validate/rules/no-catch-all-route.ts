/** When every route has a match, requests matching none of them get 404 from the caller's sidecar. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { matchesEverything } from '../walk.js';

export const noCatchAllRoute: Rule = {
  id: 'no-catch-all-route',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const routes = service.spec.routes ?? [];
      if (service.spec.protocol === 'tcp' || routes.length === 0) continue;
      if (routes.some((r) => matchesEverything(r.match))) continue;
      report('no-catch-all-route', {
        at: refAt(service.at, 'routes'),
        target: 'key',
        message: `no route of "${service.name}" matches every request; unmatched requests get 404`,
        hint: 'add a last route without `match`, e.g. `- to: v1`',
      });
    }
  },
};
