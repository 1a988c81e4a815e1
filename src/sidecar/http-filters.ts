/**
 * The one table that orders HTTP filters in every connection manager. Requests pass the
 * filters top to bottom: headers a client must not forge are removed first, faults are injected
 * (as the caller would see them), then the caller is authenticated and authorized, then rate
 * limited, and the router comes last.
 */
import { TYPES, typed } from '../envoy/any.js';
import type { HttpFilter } from '../envoy/types.js';
import { ROUTE_LOCAL_RATE_LIMIT_FILTER } from '../policies/rate-limit.js';

export const ROUTER_FILTER = 'envoy.filters.http.router';

const HTTP_FILTER_ORDER: readonly string[] = [
  'envoy.filters.http.header_mutation',
  'envoy.filters.http.fault',
  'envoy.filters.http.jwt_authn',
  'envoy.filters.http.rbac.deny',
  'envoy.filters.http.rbac',
  'envoy.filters.http.local_ratelimit',
  ROUTE_LOCAL_RATE_LIMIT_FILTER,
  'envoy.filters.http.ratelimit',
  ROUTER_FILTER,
];

/** The filters in table order, each once, with the router appended last. */
export function orderHttpFilters(filters: readonly HttpFilter[]): HttpFilter[] {
  const byName = new Map<string, HttpFilter>();
  for (const filter of filters) {
    if (!HTTP_FILTER_ORDER.includes(filter.name)) {
      throw new Error(`orderHttpFilters: "${filter.name}" has no place in HTTP_FILTER_ORDER`);
    }
    if (!byName.has(filter.name)) byName.set(filter.name, filter);
  }
  byName.set(ROUTER_FILTER, { name: ROUTER_FILTER, typed_config: typed(TYPES.router) });
  return HTTP_FILTER_ORDER.flatMap((name) => {
    const filter = byName.get(name);
    return filter ? [filter] : [];
  });
}
