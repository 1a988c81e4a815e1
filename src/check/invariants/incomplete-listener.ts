/**
 * A listener Envoy can open needs an address (resolveProtoAddress refuses an empty one,
 * source/common/network/resolver_impl.cc) unless it is an internal or API listener, and a
 * stream listener needs a filter chain, its own or the default one ("no filter chains
 * specified", ListenerImpl::validateFilterChains in source/common/listener_manager/listener_impl.cc).
 * A UDP listener without chains is fine (udp_proxy runs as a listener filter); a QUIC one is not.
 */
import { list, record, TYPES, type Invariant } from './context.js';

export const incompleteListener: Invariant = {
  names: ['listener-without-address', 'listener-without-filter-chains'],
  check(ctx) {
    for (const listener of ctx.of(TYPES.listener)) {
      const v = listener.value;
      const special = v['internal_listener'] !== undefined || v['api_listener'] !== undefined || v['reverse_connection_listener_config'] !== undefined;
      if (!special && record(v['address']) === undefined && !ctx.hadErrorAt(listener, 'address')) {
        ctx.report('listener-without-address', listener, [], 'a listener needs an address to listen on (or internal_listener for an internal one)');
        continue;
      }
      if (v['api_listener'] !== undefined) continue;
      const udp = record(record(v['address'])?.['socket_address'])?.['protocol'] === 'UDP';
      const quic = record(v['udp_listener_config'])?.['quic_options'] !== undefined;
      const chains = list(v['filter_chains']).length > 0 || v['default_filter_chain'] !== undefined;
      if (!chains && (!udp || quic) && !ctx.hadErrorAt(listener, 'filter_chains') && !ctx.hadErrorAt(listener, 'default_filter_chain')) {
        ctx.report('listener-without-filter-chains', listener, [], 'a listener needs at least one filter chain (filter_chains or default_filter_chain): Envoy refuses it');
      }
    }
  },
};
