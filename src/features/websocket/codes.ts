/** The diagnostics of the websocket feature (band MC2xxx, numbered with the other rules). */
import type { CodeEntry } from '../../diagnostics/codes/entry.js';

export const WEBSOCKET_CODES = [
  {
    code: 'MC2156',
    name: 'websocket-needs-http1',
    severity: 'error',
    summary: 'WebSocket on a service that speaks HTTP/2 (http2 or grpc).',
  },
] as const satisfies readonly CodeEntry[];
