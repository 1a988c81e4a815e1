/** Terminal network filters (HCM, tcp_proxy, …) must end each of a listener's filter chains. */
import { list, record, TYPES, type Invariant } from './context.js';
import { checkFilterOrder, type FilterFamily } from './terminal-filters.js';

const NETWORK: FilterFamily = {
  name: 'network-filter-order',
  kind: 'network',
  terminal: new Set([
    'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
    'envoy.extensions.filters.network.redis_proxy.v3.RedisProxy',
    'envoy.extensions.filters.network.thrift_proxy.v3.ThriftProxy',
    'envoy.extensions.filters.network.dubbo_proxy.v3.DubboProxy',
    'envoy.extensions.filters.network.direct_response.v3.Config',
    'envoy.extensions.filters.network.echo.v3.Echo',
  ]),
};

export const networkFilterOrder: Invariant = {
  names: ['network-filter-order'],
  check(ctx) {
    for (const listener of ctx.of(TYPES.listener)) {
      list(listener.value['filter_chains']).forEach((chain, i) => {
        checkFilterOrder(ctx, NETWORK, listener, ['filter_chains', i, 'filters'], list(record(chain)?.['filters']));
      });
      const fallback = record(listener.value['default_filter_chain']);
      if (fallback) checkFilterOrder(ctx, NETWORK, listener, ['default_filter_chain', 'filters'], list(fallback['filters']));
    }
  },
};
