/** A mesh without services compiles to nothing, which is never what was meant. */
import type { Rule } from '../context.js';

export const emptyMesh: Rule = {
  id: 'empty-mesh',
  check({ model, report }) {
    const first = model.documents[0];
    if (model.services.length > 0 || !first) return;
    report('empty-mesh', {
      at: model.mesh?.at ?? { doc: first.parsed, path: [] },
      target: 'key',
      message: 'the mesh defines no services',
      hint: 'add a `services` block with at least one service',
    });
  },
};
