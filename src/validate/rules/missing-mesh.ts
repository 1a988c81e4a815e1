/** Some document must carry the `mesh` block: name, trust domain, sidecar ports. */
import type { Rule } from '../context.js';

export const missingMesh: Rule = {
  id: 'missing-mesh',
  check({ model, report }) {
    const first = model.documents[0];
    if (model.mesh || !first) return;
    report('missing-mesh', {
      at: { doc: first.parsed, path: [] },
      message: 'no document has a `mesh` block',
      hint: 'add `mesh: { name: <mesh>, trustDomain: <domain> }` to one document',
    });
  },
};
