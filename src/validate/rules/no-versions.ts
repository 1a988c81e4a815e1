/** A service needs at least one version to receive traffic. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const noVersions: Rule = {
  id: 'no-versions',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (Object.keys(service.spec.versions).length > 0) continue;
      report('no-versions', {
        at: refAt(service.at, 'versions'),
        target: 'key',
        message: `"${service.name}" has no versions`,
        hint: 'add e.g. `versions: { v1: { endpoints: [10.0.0.1] } }`',
      });
    }
  },
};
