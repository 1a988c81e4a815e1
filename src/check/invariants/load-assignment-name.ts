/** An inline load assignment named after another cluster was most likely copied from it. */
import { record, text, TYPES, type Invariant } from './context.js';

export const loadAssignmentName: Invariant = {
  names: ['load-assignment-name-mismatch'],
  check(ctx) {
    for (const cluster of ctx.of(TYPES.cluster)) {
      const name = text(cluster.value['name']);
      const assigned = text(record(cluster.value['load_assignment'])?.['cluster_name']);
      if (!name || !assigned || assigned === name) continue;
      ctx.report(
        'load-assignment-name-mismatch',
        cluster,
        ['load_assignment', 'cluster_name'],
        `load_assignment.cluster_name ${JSON.stringify(assigned)} differs from the cluster's name ${JSON.stringify(name)}`,
      );
    }
  },
};
