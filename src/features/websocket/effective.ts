/** A route's `websocket`: the closest level that writes it (route ← service ← defaults). */
import { closestSource, type LocatedLayer } from '../../dsl/effective.js';
import type { NodeRef } from '../../dsl/model.js';

export function effectiveWebsocket(chain: readonly LocatedLayer[]): { readonly on: boolean; readonly at: NodeRef } | undefined {
  const closest = closestSource(chain, 'websocket');
  return closest ? { on: closest.source.websocket === true, at: closest.at } : undefined;
}
