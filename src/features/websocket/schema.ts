/** `websocket`: whether a route (or every route of a service) lets a client upgrade to WebSocket. */
import * as z from 'zod';

const WebSocket = z.boolean().meta({
  description: 'Let HTTP/1.1 clients upgrade to WebSocket on these routes (default false). Inherited: route ← service ← defaults.',
});

export const websocketSchema = {
  policy: { websocket: WebSocket.optional() },
  route: { websocket: WebSocket.optional() },
};
