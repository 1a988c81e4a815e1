/** A service's server-side limits in the resolved mesh, defaults filled in. */
export interface InboundIR {
  /** Absent: no server-side timeout. */
  readonly timeoutMs?: number;
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
}

declare module '../../ir/types.js' {
  interface ServiceIR {
    readonly inbound?: InboundIR;
  }
}
