/**
 * The one reading of a path rule in Envoy terms, shared by authorization (RBAC `url_path`), JWT
 * requirements and inbound routes. `/dir/*` covers /dir itself and everything under /dir/, so it
 * becomes two matchers: exactly /dir, and the prefix /dir/ (never /dirt). Envoy matches the path
 * without its query string, after the connection manager has normalised it.
 */
import type { RouteMatch, StringMatcher } from '../envoy/types.js';
import type { PathPatternIR } from '../ir/types.js';

/** String matchers for the path; an empty list means any path. */
export function pathStringMatchers(path: PathPatternIR): StringMatcher[] {
  const cased = path.ignoreCase ? { ignore_case: true } : {};
  switch (path.kind) {
    case 'any':
      return [];
    case 'exact':
      return [{ exact: path.value, ...cased }];
    case 'prefix':
      return [{ prefix: path.value, ...cased }];
    case 'subtree':
      return [
        { exact: path.value, ...cased },
        { prefix: `${path.value}/`, ...cased },
      ];
  }
}

/** Route matches for the path, one per matcher (`prefix: /` for any path). */
export function pathRouteMatches(path: PathPatternIR): RouteMatch[] {
  const cased = path.ignoreCase ? { case_sensitive: false } : {};
  const matchers = pathStringMatchers(path);
  if (matchers.length === 0) return [{ prefix: '/' }];
  return matchers.map((m) => (m.exact !== undefined ? { path: m.exact, ...cased } : { prefix: m.prefix ?? '/', ...cased }));
}
