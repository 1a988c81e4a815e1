/**
 * First match wins, so a route whose requests are all taken by an earlier route never runs.
 * Reported only when that is certain: the earlier route's every condition is implied by the
 * later one's (a regex is compared as text, never interpreted).
 */
import type { Rule } from '../context.js';
import type { MatchSpec, StringMatchSpec } from '../../dsl/schema.js';
import { refAt } from '../../dsl/model.js';
import { matchesEverything } from '../walk.js';

export const shadowedRoute: Rule = {
  id: 'shadowed-route',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const routes = service.spec.routes ?? [];
      routes.forEach((route, index) => {
        const earlier = routes.slice(0, index).findIndex((e) => covers(e.match, route.match));
        if (earlier === -1) return;
        const catchAll = matchesEverything(routes[earlier]?.match);
        report('shadowed-route', {
          at: refAt(service.at, 'routes', index),
          message: `route ${describeRoute(route.name, index)} of "${service.name}" can never match: ${
            catchAll ? 'an earlier route matches every request' : 'an earlier route matches all of its requests'
          }`,
          hint: 'routes are tried in order; move this route above the other one, or remove it',
          related: [{ message: 'this route matches first', at: refAt(service.at, 'routes', earlier) }],
        });
      });
    }
  },
};

function describeRoute(name: string | undefined, index: number): string {
  return name === undefined ? `#${index + 1}` : `"${name}"`;
}

/** Does every request matching `later` also match `earlier`? */
function covers(earlier: MatchSpec | undefined, later: MatchSpec | undefined): boolean {
  if (matchesEverything(earlier)) return true;
  if (!earlier || !later) return false;
  return pathCovers(earlier.path, later.path) && mapCovers(earlier.headers, later.headers) && mapCovers(earlier.query, later.query) && methodCovers(earlier.method, later.method);
}

function pathCovers(earlier: MatchSpec['path'], later: MatchSpec['path']): boolean {
  if (!earlier) return true;
  if (!later) return false;
  if (earlier.prefix !== undefined) {
    const laterLiteral = later.exact ?? later.prefix;
    return laterLiteral !== undefined && laterLiteral.startsWith(earlier.prefix);
  }
  if (earlier.exact !== undefined) return later.exact === earlier.exact;
  return earlier.regex !== undefined && later.regex === earlier.regex;
}

type Matchers = Record<string, string | StringMatchSpec> | undefined;

function mapCovers(earlier: Matchers, later: Matchers): boolean {
  return Object.entries(earlier ?? {}).every(([name, matcher]) => {
    const other = later?.[name];
    return other !== undefined && JSON.stringify(normalize(other)) === JSON.stringify(normalize(matcher));
  });
}

function normalize(m: string | StringMatchSpec): StringMatchSpec {
  return typeof m === 'string' ? { exact: m } : m;
}

function methodCovers(earlier: MatchSpec['method'], later: MatchSpec['method']): boolean {
  if (earlier === undefined) return true;
  if (later === undefined) return false;
  const allowed = new Set(Array.isArray(earlier) ? earlier : [earlier]);
  return (Array.isArray(later) ? later : [later]).every((m) => allowed.has(m));
}
