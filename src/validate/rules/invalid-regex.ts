/** Envoy matches with RE2: every regex must compile there, so meshc compiles it with RE2 too. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { envoyRegexError } from '../../regex/re2.js';
import { allRoutes, stringMatchers } from '../walk.js';

export const invalidRegex: Rule = {
  id: 'invalid-regex',
  scope: 'service',
  check({ model, report }) {
    const check = (pattern: string | undefined, at: ReturnType<typeof refAt>) => {
      if (pattern === undefined) return;
      const error = envoyRegexError(pattern);
      if (error) {
        report('invalid-regex', {
          at,
          message: `${error.kind === 'syntax' ? 'RE2' : 'Envoy'} cannot compile ${JSON.stringify(pattern)}: ${error.reason}`,
          hint:
            error.kind === 'syntax'
              ? 'RE2 has no back-references or look-around; see https://github.com/google/re2/wiki/Syntax'
              : '`{n}` repeats its operand n times in the program: write a shorter pattern, or match a prefix or an exact value',
        });
      }
    };
    for (const { route, at } of allRoutes(model)) {
      if (!route.match) continue;
      check(route.match.path?.regex, refAt(at, 'match', 'path', 'regex'));
      for (const { matcher, at: matcherAt } of stringMatchers(route.match, refAt(at, 'match'))) {
        if (typeof matcher !== 'string') check(matcher.regex, refAt(matcherAt, 'regex'));
      }
    }
  },
};
