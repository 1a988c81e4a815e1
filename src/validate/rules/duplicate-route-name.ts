/**
 * Route names show up in stats and logs and key rate-limit descriptors; within a service they
 * are unique, the default names of unnamed routes (route-<index>) included.
 */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import { defaultRouteName } from '../../envoy/names.js';

export const duplicateRouteName: Rule = {
  id: 'duplicate-route-name',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const seen = new Map<string, { at: NodeRef; explicit: boolean }>();
      (service.spec.routes ?? []).forEach((route, index) => {
        const explicit = route.name !== undefined;
        const name = route.name ?? defaultRouteName(index);
        const here = { at: explicit ? refAt(service.at, 'routes', index, 'name') : refAt(service.at, 'routes', index), explicit };
        const first = seen.get(name);
        if (!first) {
          seen.set(name, here);
          return;
        }
        // Reported at an explicit name, the one that can change: this one, or else the first.
        const [at, other] = here.explicit ? [here, first] : [first, here];
        report('duplicate-route-name', {
          at: at.at,
          message: `"${service.name}" already has a route named "${name}"${other.explicit ? '' : ', the name of an unnamed route'}`,
          hint: other.explicit ? 'give the route another name' : `give the route another name, or name the unnamed route (unnamed routes are called route-<index>)`,
          related: [{ message: other.explicit ? 'first used here' : `this route has no name and is called "${name}"`, at: other.at }],
        });
      });
    }
  },
};
