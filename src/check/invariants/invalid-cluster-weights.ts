/**
 * Weighted clusters split traffic in proportion to their weights: Envoy refuses a split whose
 * weights add up to 0, and one whose sum differs from the (deprecated) `total_weight` when set.
 */
import { list, record, TYPES, wrapped, type Invariant } from './context.js';

export const invalidClusterWeights: Invariant = {
  names: ['invalid-cluster-weights'],
  check(ctx) {
    for (const weighted of ctx.of(TYPES.weightedCluster)) {
      const clusters = list(weighted.value['clusters']);
      if (clusters.length === 0) continue; // min_items: reported by PGV
      const sum = clusters.reduce<number>((n, c) => n + Number(wrapped(record(c)?.['weight']) ?? 0), 0);
      const total = wrapped(weighted.value['total_weight']);
      if (sum === 0) {
        ctx.report('invalid-cluster-weights', weighted, ['clusters'], 'the weights of the weighted clusters add up to 0: no cluster would get traffic');
      } else if (total !== undefined && Number(total) !== sum) {
        ctx.report('invalid-cluster-weights', weighted, ['total_weight'], `the weights add up to ${sum}, not to total_weight ${String(total)}`);
      }
    }
  },
};
