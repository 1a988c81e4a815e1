/** Every callee named in `calls` exists. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';

export const unknownService: Rule = {
  id: 'unknown-service',
  check({ model, report }) {
    const names = [...model.serviceByName.keys()];
    for (const service of model.services) {
      (service.spec.calls ?? []).forEach((call, index) => {
        const callee = typeof call === 'string' ? call : call.service;
        if (model.serviceByName.has(callee)) return;
        const at = refAt(service.at, 'calls', index);
        report('unknown-service', {
          at: typeof call === 'string' ? at : refAt(at, 'service'),
          message: `service "${callee}" is not defined`,
          hint: didYouMean(callee, names) ?? `defined services: ${names.join(', ')}`,
        });
      });
    }
  },
};
