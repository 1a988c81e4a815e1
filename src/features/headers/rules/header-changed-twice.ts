/**
 * One level changing one header twice (in two of add, set and remove, or twice under names that
 * differ only in case, which Envoy treats as one header) leaves the outcome to the order Envoy
 * happens to apply them in: it is refused, at the second change.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { headerLayers, type WrittenChange } from '../layers.js';

export const headerChangedTwice: Rule = {
  id: 'header-changed-twice',
  scope: 'service',
  check({ model, report }) {
    const first = new Map<string, WrittenChange>();
    for (const change of headerLayers(model)) {
      const key = `${change.layer.doc.source.name}#${change.layer.doc.index} ${change.layer.path.join('.')} ${change.direction} ${change.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, change);
        continue;
      }
      report('header-changed-twice', {
        at: refAt(change.layer, ...change.path),
        target: change.operation === 'remove' ? 'value' : 'key',
        message: `${change.direction} header ${change.name} is changed twice here (${earlier.operation} ${earlier.written}, then ${change.operation} ${change.written})`,
        hint: 'keep one change per header; to replace a value, use set alone',
        related: [{ message: 'first changed here', at: refAt(earlier.layer, ...earlier.path), target: earlier.operation === 'remove' ? 'value' : 'key' }],
      });
    }
  },
};
