/**
 * A prefix rewrite replaces the matched prefix as a string, so its trailing slash must agree with
 * the match's: matching /api/ and rewriting to /v2 turns /api/items into /v2items, matching /api
 * and rewriting to /v2/ turns /api/items into /v2//items (Envoy's prefix_rewrite documentation
 * warns of the same). A route without a path match matches the prefix /.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { writtenRewrites } from '../routes.js';

export const rewriteJoinsPath: Rule = {
  id: 'rewrite-joins-path',
  scope: 'service',
  check({ model, report }) {
    for (const { rewrite, route, at } of writtenRewrites(model)) {
      const path = route.match?.path;
      if (rewrite.prefix === undefined || path?.exact !== undefined || path?.regex !== undefined) continue;
      const matched = path?.prefix ?? '/';
      if (matched.endsWith('/') === rewrite.prefix.endsWith('/')) continue;
      const example = `${matched}${matched.endsWith('/') ? '' : '/'}items`;
      report('rewrite-joins-path', {
        at: refAt(at, 'prefix'),
        message: `the route matches ${JSON.stringify(matched)} and rewrites it to ${JSON.stringify(rewrite.prefix)}: ${example} becomes ${rewrite.prefix}${example.slice(matched.length)}`,
        hint: matched.endsWith('/') ? `end the rewrite with / as the match does (${rewrite.prefix}/)` : 'end both the match and the rewrite with /, or neither',
      });
    }
  },
};
