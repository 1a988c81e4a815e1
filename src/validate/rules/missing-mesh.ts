/** Some document must carry the `mesh` block: name, trust domain, sidecar ports. */
import type { Rule } from '../context.js';

export const missingMesh: Rule = {
  id: 'missing-mesh',
  check({ model, report }) {
    if (model.mesh) return;
    const first = model.documents[0];
    report('missing-mesh', {
      at: first ? { doc: first.parsed, path: [] } : undefined,
      message: first ? 'no document has a `mesh` block' : 'the input holds no mesh document',
      hint: 'add `mesh: { name: <mesh>, trustDomain: <domain> }` to one document',
    });
  },
};
