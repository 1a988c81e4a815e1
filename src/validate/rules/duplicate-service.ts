/** A service is defined once in the whole mesh, whatever file it is in. */
import type { Rule } from '../context.js';

export const duplicateService: Rule = {
  id: 'duplicate-service',
  check({ model, report }) {
    const first = new Map<string, { doc: (typeof model.documents)[number]['parsed'] }>();
    for (const { parsed, value } of model.documents) {
      for (const name of Object.keys(value.services ?? {})) {
        const earlier = first.get(name);
        if (!earlier) {
          first.set(name, { doc: parsed });
          continue;
        }
        report('duplicate-service', {
          at: { doc: parsed, path: ['services', name] },
          target: 'key',
          message: `service "${name}" is already defined`,
          hint: 'merge the two definitions or rename one of the services',
          related: [{ message: `"${name}" is first defined here`, at: { doc: earlier.doc, path: ['services', name] }, target: 'key' }],
        });
      }
    }
  },
};
