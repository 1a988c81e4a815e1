/** `mesh` and `defaults` describe the whole mesh: one document carries each. */
import type { Rule } from '../context.js';
import type { NodeRef } from '../../dsl/model.js';

const BLOCKS = ['mesh', 'defaults'] as const;

export const duplicateBlock: Rule = {
  id: 'duplicate-block',
  check({ model, report }) {
    for (const block of BLOCKS) {
      let first: NodeRef | undefined;
      for (const { parsed, value } of model.documents) {
        if (value[block] === undefined) continue;
        const at: NodeRef = { doc: parsed, path: [block] };
        if (!first) {
          first = at;
          continue;
        }
        report('duplicate-block', {
          at,
          target: 'key',
          message: `\`${block}\` is already given in another document`,
          hint: `keep a single \`${block}\` block for the whole mesh`,
          related: [{ message: `\`${block}\` is first given here`, at: first, target: 'key' }],
        });
      }
    }
  },
};
