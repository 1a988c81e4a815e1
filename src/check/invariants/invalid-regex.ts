/** Envoy compiles every RegexMatcher with RE2 at load time; one RE2 refuses fails the config. */
import { re2CompileError } from '../../envoy/re2.js';
import { text, type Invariant } from './context.js';

const REGEX_MATCHERS = ['envoy.type.matcher.v3.RegexMatcher', 'xds.type.matcher.v3.RegexMatcher'] as const;

export const invalidRegex: Invariant = {
  names: ['envoy-invalid-regex'],
  check(ctx) {
    for (const type of REGEX_MATCHERS) {
      for (const matcher of ctx.of(type)) {
        const regex = text(matcher.value['regex']);
        if (regex === undefined) continue;
        const error = re2CompileError(regex);
        if (error) ctx.report('envoy-invalid-regex', matcher, ['regex'], `RE2 cannot compile ${JSON.stringify(regex)}: ${error}`);
      }
    }
  },
};
