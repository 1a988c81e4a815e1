/** The diagnostics of the headers feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const HEADERS_CODES = [
  {
    code: 'MC2150',
    name: 'forbidden-header-change',
    severity: 'error',
    summary: 'A header change to a pseudo-header or to host, which Envoy refuses.',
    doc: 'Envoy refuses a route that adds, sets or removes a `:`-prefixed pseudo-header (`:path`, `:authority`, `:method`, `:scheme`, `:status`) or `host`: "`:-prefixed or host headers may not be modified`" (HeaderParser in source/common/router/header_parser.cc), so no caller\'s sidecar would load it. They describe the request itself; change another header instead.',
  },
  {
    code: 'MC2151',
    name: 'header-changed-twice',
    severity: 'error',
    summary: 'One level changes the same header twice.',
    doc: 'Within one `headers` block (defaults, a service or a route), each request or response header may be added, set or removed once. Header names are compared in lower case, as Envoy keeps them, so `X-Tenant` and `x-tenant` are one header. Two changes would leave the result to the order Envoy applies them in. To replace a value use `set` alone; to change what a more general level does, write the change at the closer level, which replaces it (route ← service ← defaults).',
  },
] as const satisfies readonly CodeEntry[];
