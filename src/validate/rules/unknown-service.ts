/** Every service named in `calls` or in an authz rule's `from` exists. */
import type { Rule } from '../context.js';
import { calledService, refAt } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { allAuthzRules } from '../walk.js';

export const unknownService: Rule = {
  id: 'unknown-service',
  check({ model, report }) {
    const names = [...model.serviceByName.keys()];
    for (const service of model.services) {
      (service.spec.calls ?? []).forEach((call, index) => {
        const callee = calledService(call);
        if (model.serviceByName.has(callee)) return;
        const at = refAt(service.at, 'calls', index);
        report('unknown-service', {
          at: typeof call === 'string' ? at : refAt(at, 'service'),
          message: `service "${callee}" is not defined`,
          hint: didYouMean(callee, names) ?? `defined services: ${names.join(', ')}`,
        });
      });
    }
    for (const { rule, at } of allAuthzRules(model)) {
      (rule.from ?? []).forEach((caller, index) => {
        if (caller === '*' || model.serviceByName.has(caller)) return;
        report('unknown-service', {
          at: refAt(at, 'from', index),
          message: `service "${caller}" is not defined`,
          hint: didYouMean(caller, names) ?? 'use `*` for any workload of the mesh',
        });
      });
    }
  },
};
