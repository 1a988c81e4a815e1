/** The diagnostics of the websocket feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const WEBSOCKET_CODES = [
  {
    code: 'MC2156',
    name: 'websocket-needs-http1',
    severity: 'error',
    summary: 'WebSocket on a service that speaks HTTP/2 (http2 or grpc).',
    doc: 'A WebSocket starts as an HTTP/1.1 request that asks to upgrade the connection. meshc speaks HTTP/2 to `http2` and `grpc` services, over which the upgrade would have to become an extended CONNECT (RFC 8441) that neither the sidecars nor most applications are set up for, so meshc refuses `websocket` there rather than emit a route that cannot upgrade. Serve WebSockets from a service with `protocol: http`.',
  },
] as const satisfies readonly CodeEntry[];
