/**
 * Envoy refuses a route with both a prefix and a regex rewrite ("Cannot specify both
 * prefix_rewrite and regex_rewrite", RouteEntryImplBase in source/common/router/config_impl.cc).
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { writtenRewrites } from '../routes.js';

export const conflictingRewrite: Rule = {
  id: 'conflicting-rewrite',
  scope: 'service',
  check({ model, report }) {
    for (const { rewrite, at } of writtenRewrites(model)) {
      if (rewrite.prefix === undefined || rewrite.regex === undefined) continue;
      report('conflicting-rewrite', {
        at: refAt(at, 'regex'),
        target: 'key',
        message: 'a route rewrites its path either by prefix or by regex, not both; Envoy refuses the route',
        hint: 'keep one: prefix to swap the matched prefix, regex for anything else',
        related: [{ message: 'the prefix rewrite', at: refAt(at, 'prefix'), target: 'key' }],
      });
    }
  },
};
