/** Header changes in the resolved mesh: a route's, after inheritance, names in lower case. */
import type { HeaderDirection } from './schema.js';

export interface HeaderChangeIR {
  /** Lower case, as Envoy keeps header names. */
  readonly name: string;
  /** add: one more value; set: replaces every value; remove. */
  readonly operation: 'add' | 'set' | 'remove';
  /** Absent for remove. */
  readonly value?: string;
}

/** Sorted by name, one change per header. */
export type HeadersIR = { readonly [D in HeaderDirection]: readonly HeaderChangeIR[] };

declare module '../../ir/types.js' {
  interface RouteIR {
    readonly headers?: HeadersIR;
  }
}
