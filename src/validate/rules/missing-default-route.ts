/** With several versions, meshc does not guess how traffic divides: routes must say. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const missingDefaultRoute: Rule = {
  id: 'missing-default-route',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const versions = Object.keys(service.spec.versions);
      if (versions.length < 2 || (service.spec.routes?.length ?? 0) > 0) continue;
      report('missing-default-route', {
        at: refAt(service.at, 'versions'),
        target: 'key',
        message: `"${service.name}" has ${versions.length} versions but no routes`,
        hint: `add routes, e.g. \`routes: [{split: {${versions.map((v, i) => `${v}: ${i === 0 ? 100 : 0}`).join(', ')}}}]\``,
      });
    }
  },
};
