/** Route names show up in stats and logs; within a service they are unique. */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';

export const duplicateRouteName: Rule = {
  id: 'duplicate-route-name',
  check({ model, report }) {
    for (const service of model.services) {
      const seen = new Map<string, NodeRef>();
      (service.spec.routes ?? []).forEach((route, index) => {
        if (route.name === undefined) return;
        const at = refAt(service.at, 'routes', index, 'name');
        const first = seen.get(route.name);
        if (!first) {
          seen.set(route.name, at);
          return;
        }
        report('duplicate-route-name', {
          at,
          message: `"${service.name}" already has a route named "${route.name}"`,
          related: [{ message: 'first used here', at: first }],
        });
      });
    }
  },
};
