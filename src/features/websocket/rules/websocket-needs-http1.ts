/**
 * A WebSocket upgrade is an HTTP/1.1 mechanism. meshc sends http2 and grpc services HTTP/2
 * upstream, where Envoy would have to turn the upgrade into an extended CONNECT (RFC 8441) that
 * neither the sidecars nor most applications are configured for; meshc refuses it instead.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { routeChains } from '../../../dsl/effective.js';
import { effectiveWebsocket } from '../effective.js';

export const websocketNeedsHttp1: Rule = {
  id: 'websocket-needs-http1',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      const { protocol } = service.spec;
      if (protocol !== 'http2' && protocol !== 'grpc') continue;
      for (const chain of routeChains(model, service)) {
        const websocket = effectiveWebsocket(chain);
        if (!websocket?.on) continue;
        report('websocket-needs-http1', {
          at: refAt(websocket.at, 'websocket'),
          target: 'key',
          message: `WebSocket upgrades need HTTP/1.1, and "${service.name}" is ${protocol}`,
          hint: 'use protocol http for a service that serves WebSockets, or remove websocket',
        });
      }
    }
  },
};
