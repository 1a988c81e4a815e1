/** Envoy refuses two clusters of one name: they are what every route and proxy refers to. */
import { text, TYPES, type Invariant } from './context.js';
import { reportDuplicates } from './duplicates.js';

export const duplicateCluster: Invariant = {
  names: ['duplicate-cluster'],
  check(ctx) {
    reportDuplicates(
      ctx,
      'duplicate-cluster',
      ctx.of(TYPES.cluster),
      (c) => text(c.value['name']) || undefined,
      ['name'],
      (name) => `cluster name ${JSON.stringify(name)}`,
    );
  },
};
