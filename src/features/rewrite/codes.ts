/** The diagnostics of the rewrite feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const REWRITE_CODES = [
  {
    code: 'MC2152',
    name: 'conflicting-rewrite',
    severity: 'error',
    summary: 'A route rewrites its path both by prefix and by regex.',
    doc: 'Envoy refuses a route that has both `prefix_rewrite` and `regex_rewrite` ("Cannot specify both prefix_rewrite and regex_rewrite", RouteEntryImplBase in source/common/router/config_impl.cc), so no caller\'s sidecar would load it. Keep `rewrite.prefix` to swap the prefix the route matched, or `rewrite.regex` for any other change of the path.',
  },
  {
    code: 'MC2153',
    name: 'prefix-rewrite-on-regex-route',
    severity: 'warning',
    summary: 'A prefix rewrite on a route that matches its path by regex replaces the whole path.',
    doc: 'A prefix rewrite swaps the part of the path the route matched for the new prefix. A route matching `path.regex` matches the whole path (Envoy\'s RegexRouteEntryImpl hands the whole path, without its query, to the rewrite), so every request it matches is sent to exactly the prefix written. Use `rewrite.regex` to change part of the path, or match a path prefix instead.',
  },
  {
    code: 'MC2154',
    name: 'invalid-rewrite-regex',
    severity: 'error',
    summary: 'A rewrite pattern RE2 cannot compile.',
    doc: 'Envoy compiles `regex_rewrite` patterns with Google RE2 when it loads the route, and refuses the route when the pattern does not compile. RE2 is not the JavaScript regex engine: it has no back-references and no look-around, and it limits how large a compiled pattern may be. meshc compiles the pattern with RE2 itself and reports the error at the pattern. Substitutions refer to groups as \\1 … \\9.',
  },
  {
    code: 'MC2155',
    name: 'rewrite-joins-path',
    severity: 'warning',
    summary: 'A prefix rewrite whose trailing slash differs from the prefix it replaces.',
    doc: 'Envoy replaces the matched prefix with the rewrite as plain strings. When one ends with `/` and the other does not, the rest of the path is joined wrongly: matching `/api/` and rewriting to `/v2` sends `/api/items` as `/v2items`; matching `/api` and rewriting to `/v2/` sends `/v2//items`. A route without a path match matches the prefix `/`. End both with `/` or neither (Envoy\'s documentation of prefix_rewrite gives the same advice, and notes that stripping a prefix entirely takes two routes).',
  },
] as const satisfies readonly CodeEntry[];
