/** Each callee appears once in `calls`. */
import type { Rule } from '../context.js';
import { calledService, refAt, type NodeRef } from '../../dsl/model.js';

export const duplicateCall: Rule = {
  id: 'duplicate-call',
  check({ model, report }) {
    for (const service of model.services) {
      const seen = new Map<string, NodeRef>();
      (service.spec.calls ?? []).forEach((call, index) => {
        const callee = calledService(call);
        const at = refAt(service.at, 'calls', index);
        const first = seen.get(callee);
        if (first) {
          report('duplicate-call', {
            at,
            message: `"${service.name}" already calls "${callee}"`,
            hint: 'keep a single entry per called service',
            related: [{ message: 'first listed here', at: first }],
          });
        } else {
          seen.set(callee, at);
        }
      });
    }
  },
};
