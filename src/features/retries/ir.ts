/** Retries in the resolved mesh: a route's, after inheritance and defaults. */
import type { RetryCondition } from './schema.js';

export interface RetriesIR {
  /** Retries after the first try; never 0 (no retries means no RetriesIR). */
  readonly attempts: number;
  /** Empty on tcp, whose proxy retries only connections that fail. */
  readonly on: readonly RetryCondition[];
  readonly perTryTimeoutMs?: number;
  readonly statusCodes: readonly number[];
  readonly backoff?: { readonly baseMs: number; readonly maxMs?: number };
}

declare module '../../ir/types.js' {
  interface RouteIR {
    readonly retries?: RetriesIR;
  }
}
