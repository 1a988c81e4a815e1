/** Endpoint shapes shared by every cluster meshc writes. */
import type { Address, LbEndpoint } from './types.js';

export function lbEndpoint(address: Address, weight?: number): LbEndpoint {
  return { endpoint: { address }, ...(weight !== undefined ? { load_balancing_weight: weight } : {}) };
}

export function socketAddress(address: string, port: number): Address {
  return { socket_address: { address, port_value: port } };
}
