/**
 * A prefix rewrite swaps the part of the path the route matched. A regex route matches the
 * whole path (RegexRouteEntryImpl::currentUrlPathAfterRewrite passes the whole path as the
 * matched one, source/common/router/config_impl.cc), so the rewrite replaces all of it.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { writtenRewrites } from '../routes.js';

export const prefixRewriteOnRegexRoute: Rule = {
  id: 'prefix-rewrite-on-regex-route',
  scope: 'service',
  check({ model, report }) {
    for (const { rewrite, route, at } of writtenRewrites(model)) {
      if (rewrite.prefix === undefined || route.match?.path?.regex === undefined) continue;
      report('prefix-rewrite-on-regex-route', {
        at: refAt(at, 'prefix'),
        target: 'key',
        message: `on a regex route the prefix rewrite replaces the whole path with ${JSON.stringify(rewrite.prefix)}`,
        hint: 'use rewrite.regex to rewrite part of the path, or match a path prefix',
      });
    }
  },
};
