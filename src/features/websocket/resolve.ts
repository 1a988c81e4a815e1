/** A route's websocket flag in the IR (only when on; never on tcp). */
import type { RouteInput } from '../feature.js';
import type { RouteIR } from '../../ir/types.js';
import { effectiveWebsocket } from './effective.js';

export function resolveWebsocket({ service, chain }: RouteInput): Pick<RouteIR, 'websocket'> | undefined {
  if (service.spec.protocol === 'tcp') return undefined;
  return effectiveWebsocket(chain)?.on ? { websocket: true } : undefined;
}
