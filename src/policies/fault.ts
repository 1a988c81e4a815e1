/**
 * Fault injection. The caller's connection manager for a callee with faults carries one fault
 * filter that does nothing by itself; each route with a fault configures it per route, so a
 * fault on one route never leaks to another.
 */
import { TYPES, typed } from '../envoy/any.js';
import { duration, fractionalPercent } from '../envoy/values.js';
import type { Any } from '../envoy/types.js';
import type { FaultIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const FAULT_FILTER = 'envoy.filters.http.fault';

export const fault: PolicyModule = {
  id: 'fault',
  order: 800,
  outboundHttpFilters: ({ callee }) => (callee.routes.some((r) => r.fault) ? [{ name: FAULT_FILTER, typed_config: typed(TYPES.fault) }] : []),
  routeFilterConfig: (route) => (route.fault ? { [FAULT_FILTER]: faultConfig(route.fault) } : undefined),
};

export function faultConfig(f: FaultIR): Any {
  return typed(TYPES.fault, {
    ...(f.delay ? { delay: { fixed_delay: duration(f.delay.durationMs), percentage: fractionalPercent(f.delay.percent) } } : {}),
    ...(f.abort
      ? {
          abort: {
            ...(f.abort.httpStatus !== undefined ? { http_status: f.abort.httpStatus } : {}),
            ...(f.abort.grpcStatus !== undefined ? { grpc_status: f.abort.grpcStatus } : {}),
            percentage: fractionalPercent(f.abort.percent),
          },
        }
      : {}),
  });
}
