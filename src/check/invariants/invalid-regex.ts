/**
 * Envoy compiles every RegexMatcher with RE2 at load time; one RE2 refuses fails the config, and
 * so does one whose program is over the size limit (source/common/common/regex.cc). That limit
 * is checked only once the runtime exists: the stats matcher, built from the bootstrap before
 * the runtime (source/server/server.cc), is exempt.
 */
import { ENVOY_MAX_PROGRAM_SIZE, envoyRegexError } from '../../regex/re2.js';
import { record, text, wrapped, type Invariant } from './context.js';

const STATS_CONFIG = 'envoy.config.metrics.v3.StatsConfig';

const REGEX_MATCHERS = ['envoy.type.matcher.v3.RegexMatcher', 'xds.type.matcher.v3.RegexMatcher'] as const;

export const invalidRegex: Invariant = {
  names: ['envoy-invalid-regex'],
  check(ctx) {
    for (const type of REGEX_MATCHERS) {
      for (const matcher of ctx.of(type)) {
        const regex = text(matcher.value['regex']);
        if (regex === undefined) continue;
        // The deprecated per-matcher google_re2.max_program_size replaces the runtime limit.
        const own = wrapped(record(matcher.value['google_re2'])?.['max_program_size']);
        const limit = ctx.within(matcher, STATS_CONFIG) ? 'unchecked' : typeof own === 'number' ? own : ENVOY_MAX_PROGRAM_SIZE;
        const error = envoyRegexError(regex, limit);
        if (error) ctx.report('envoy-invalid-regex', matcher, ['regex'], `Envoy cannot compile ${JSON.stringify(regex)}: ${error.reason}`);
      }
    }
  },
};
