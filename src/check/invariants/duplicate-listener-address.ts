/**
 * Envoy refuses a listener whose address another listener already binds: same IP (or pipe, or
 * internal listener), port and protocol. Listeners that do not bind (`bind_to_port: false`) and
 * port 0 (any free port) cannot clash.
 */
import type { Instance } from '../json/index.js';
import { list, record, text, TYPES, wrapped, type Invariant } from './context.js';

export const duplicateListenerAddress: Invariant = {
  names: ['duplicate-listener-address'],
  check(ctx) {
    const bound = new Map<string, { instance: Instance; keys: (string | number)[] }>();
    for (const listener of ctx.of(TYPES.listener)) {
      if (wrapped(listener.value['bind_to_port']) === false) continue;
      const addresses: { address: unknown; keys: (string | number)[] }[] = [{ address: listener.value['address'], keys: ['address'] }];
      list(listener.value['additional_addresses']).forEach((a, i) => {
        addresses.push({ address: record(a)?.['address'], keys: ['additional_addresses', i, 'address'] });
      });
      for (const { address, keys } of addresses) {
        const key = addressKey(address);
        if (key === undefined) continue;
        const first = bound.get(key);
        if (first && first.instance !== listener) {
          ctx.report('duplicate-listener-address', listener, keys, `address ${key} is already bound by listener ${JSON.stringify(first.instance.value['name'] ?? '')}`, {
            instance: first.instance,
            keys: first.keys,
            message: 'bound here',
          });
        } else if (!first) {
          bound.set(key, { instance: listener, keys });
        }
      }
    }
  },
};

/** `tcp://10.0.0.1:80`, `pipe:///run/x.sock`, `internal://name`; undefined when nothing binds. */
function addressKey(address: unknown): string | undefined {
  const a = record(address);
  const socket = record(a?.['socket_address']);
  if (socket) {
    const port = socket['port_value'];
    if (port === undefined || port === 0) return undefined;
    const protocol = text(socket['protocol']) ?? 'TCP';
    return `${protocol.toLowerCase()}://${text(socket['address']) ?? ''}:${String(port)}`;
  }
  const pipe = text(record(a?.['pipe'])?.['path']);
  if (pipe) return `pipe://${pipe}`;
  const internal = text(record(a?.['envoy_internal_address'])?.['server_listener_name']);
  return internal ? `internal://${internal}` : undefined;
}
