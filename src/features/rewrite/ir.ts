/** A route's rewrite in the resolved mesh. */
export interface RewriteIR {
  readonly prefix?: string;
  readonly regex?: { readonly pattern: string; readonly substitution: string };
  readonly host?: string;
}

declare module '../../ir/types.js' {
  interface RouteIR {
    readonly rewrite?: RewriteIR;
  }
}
