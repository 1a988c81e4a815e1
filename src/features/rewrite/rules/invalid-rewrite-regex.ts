/** Envoy compiles a rewrite pattern with RE2 when it loads the route: it must compile there. */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { envoyRegexError } from '../../../regex/re2.js';
import { writtenRewrites } from '../routes.js';

export const invalidRewriteRegex: Rule = {
  id: 'invalid-rewrite-regex',
  scope: 'service',
  check({ model, report }) {
    for (const { rewrite, at } of writtenRewrites(model)) {
      const pattern = rewrite.regex?.pattern;
      const error = pattern === undefined ? undefined : envoyRegexError(pattern);
      if (!error) continue;
      report('invalid-rewrite-regex', {
        at: refAt(at, 'regex', 'pattern'),
        message: `${error.kind === 'syntax' ? 'RE2' : 'Envoy'} cannot compile ${JSON.stringify(pattern)}: ${error.reason}`,
        hint: 'RE2 has no back-references or look-around; see https://github.com/google/re2/wiki/Syntax',
      });
    }
  },
};
