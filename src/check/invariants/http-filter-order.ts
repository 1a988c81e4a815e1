/**
 * The router must end an HTTP connection manager's filter chain (and the upstream codec an
 * upstream HTTP filter chain, in a cluster's HttpProtocolOptions).
 */
import { list, TYPES, type Invariant } from './context.js';
import { checkFilterOrder, type FilterFamily } from './terminal-filters.js';

const DOWNSTREAM: FilterFamily = {
  name: 'http-filter-order',
  kind: 'HTTP',
  terminal: new Set(['envoy.extensions.filters.http.router.v3.Router']),
};

const UPSTREAM: FilterFamily = {
  name: 'http-filter-order',
  kind: 'upstream HTTP',
  terminal: new Set(['envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec']),
};

export const httpFilterOrder: Invariant = {
  names: ['http-filter-order'],
  check(ctx) {
    for (const hcm of ctx.of(TYPES.hcm)) {
      checkFilterOrder(ctx, DOWNSTREAM, hcm, ['http_filters'], list(hcm.value['http_filters']));
    }
    for (const options of ctx.of(TYPES.httpProtocolOptions)) {
      checkFilterOrder(ctx, UPSTREAM, options, ['http_filters'], list(options.value['http_filters']));
    }
  },
};
