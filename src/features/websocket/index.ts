/** WebSocket: routes whose clients may upgrade the connection to a WebSocket. */
import { defineFeature } from '../feature.js';
import { WEBSOCKET_CODES } from './codes.js';
import { websocketLowering } from './lower.js';
import { resolveWebsocket } from './resolve.js';
import { websocketSchema } from './schema.js';
import { websocketNeedsHttp1 } from './rules/websocket-needs-http1.js';
import './ir.js';

export const websocket = defineFeature({
  id: 'websocket',
  schema: websocketSchema,
  codes: WEBSOCKET_CODES,
  rules: [websocketNeedsHttp1],
  httpOnly: ['websocket'],
  resolveRoute: resolveWebsocket,
  lower: websocketLowering,
});
