/** Envoy refuses a second listener with a name it already has (bootstrap or one LDS update). */
import { text, TYPES, type Invariant } from './context.js';
import { reportDuplicates } from './duplicates.js';

export const duplicateListener: Invariant = {
  names: ['duplicate-listener'],
  check(ctx) {
    reportDuplicates(
      ctx,
      'duplicate-listener',
      ctx.of(TYPES.listener),
      (l) => text(l.value['name']) || undefined,
      ['name'],
      (name) => `listener name ${JSON.stringify(name)}`,
    );
  },
};
