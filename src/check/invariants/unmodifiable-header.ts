/**
 * Route tables add and remove headers at three levels (route configuration, virtual host, route)
 * and per weighted cluster. Envoy refuses any of them that adds or removes a pseudo-header
 * (a name starting with `:`) or `host` (in any case): rewriting those goes through the route
 * action (`prefix_rewrite`, `host_rewrite_literal`, ...). It also refuses an entry that sets both
 * the deprecated `append` and an `append_action` other than the default.
 */
import { list, record, text, type Invariant } from './context.js';

/** Messages whose header lists Envoy's router header parser reads (source/common/router/header_parser.cc). */
export const HEADER_MUTATORS: readonly string[] = [
  'envoy.config.route.v3.RouteConfiguration',
  'envoy.config.route.v3.VirtualHost',
  'envoy.config.route.v3.Route',
  'envoy.config.route.v3.WeightedCluster.ClusterWeight',
];

const ADD_FIELDS = ['request_headers_to_add', 'response_headers_to_add'] as const;
const REMOVE_FIELDS = ['request_headers_to_remove', 'response_headers_to_remove'] as const;

/** Pseudo-headers start with exactly ':' (no trimming); `host` is compared case-insensitively. */
export function isProtectedHeader(name: string): boolean {
  return name.startsWith(':') || name.toLowerCase() === 'host';
}

export const unmodifiableHeader: Invariant = {
  names: ['unmodifiable-header', 'header-append-conflict'],
  check(ctx) {
    for (const type of HEADER_MUTATORS) {
      for (const instance of ctx.of(type)) {
        for (const field of ADD_FIELDS) {
          list(instance.value[field]).forEach((option, i) => {
            const key = text(record(record(option)?.['header'])?.['key']);
            if (key !== undefined && isProtectedHeader(key)) {
              ctx.report(
                'unmodifiable-header',
                instance,
                [field, i, 'header', 'key'],
                `${JSON.stringify(key)} may not be added: Envoy refuses to modify ':'-prefixed and host headers`,
              );
            }
            const append = record(option)?.['append'];
            const action = text(record(option)?.['append_action']);
            if (append !== undefined && action !== undefined && action !== 'APPEND_IF_EXISTS_OR_ADD') {
              ctx.report('header-append-conflict', instance, [field, i, 'append_action'], `both append and append_action (${action}) are set: keep only append_action`);
            }
          });
        }
        for (const field of REMOVE_FIELDS) {
          list(instance.value[field]).forEach((name, i) => {
            const key = text(name);
            if (key !== undefined && isProtectedHeader(key)) {
              ctx.report('unmodifiable-header', instance, [field, i], `${JSON.stringify(key)} may not be removed: Envoy refuses to remove ':'-prefixed and host headers`);
            }
          });
        }
      }
    }
  },
};
