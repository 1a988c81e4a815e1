/** A split is in percent: non-negative weights with at most two decimals, adding up to 100. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allRoutes } from '../walk.js';

const TOTAL = 100;

export const splitWeights: Rule = {
  id: 'split-weights',
  scope: 'service',
  check({ model, report }) {
    for (const { route, at } of allRoutes(model)) {
      if (!route.split) continue;
      const splitAt = refAt(at, 'split');
      const entries = Object.entries(route.split);
      let valid = true;
      for (const [version, weight] of entries) {
        if (weight < 0 || !hasAtMostTwoDecimals(weight)) {
          valid = false;
          report('split-weights', {
            at: refAt(splitAt, version),
            message: `weight ${weight} of "${version}" must be a percentage from 0 to 100 with at most two decimals`,
          });
        }
      }
      if (entries.length === 0) {
        report('split-weights', {
          at: splitAt,
          target: 'key',
          message: 'an empty split sends traffic nowhere',
          hint: 'list the versions and their percentages, e.g. `split: {v1: 90, v2: 10}`, or use `to: <version>`',
        });
        continue;
      }
      if (!valid) continue;
      const sum = entries.reduce((total, [, w]) => total + Math.round(w * 100), 0) / 100;
      if (sum !== TOTAL) {
        report('split-weights', {
          at: splitAt,
          target: 'key',
          message: `split weights add up to ${sum}, not ${TOTAL}`,
          hint: `weights are percentages; adjust them so they add up to ${TOTAL}`,
        });
      }
    }
  },
};

function hasAtMostTwoDecimals(n: number): boolean {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;
}
