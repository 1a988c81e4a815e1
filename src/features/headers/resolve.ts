/** A route's header changes in the IR: none on tcp, none when nothing is changed. */
import type { RouteInput } from '../feature.js';
import type { RouteIR } from '../../ir/types.js';
import { routeHeaders } from './effective.js';

export function resolveHeaders({ model, service, routeIndex }: RouteInput): Pick<RouteIR, 'headers'> | undefined {
  if (service.spec.protocol === 'tcp') return undefined;
  const headers = routeHeaders(model, service)[routeIndex ?? 0];
  return headers ? { headers } : undefined;
}
