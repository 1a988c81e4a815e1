/**
 * A caller reaches each callee on 127.0.0.1:<port>. Two callees on one port, or a callee on the
 * caller's own port, cannot both be served.
 */
import type { Rule } from '../context.js';
import { calledService, refAt, type NodeRef } from '../../dsl/model.js';

export const localPortConflict: Rule = {
  id: 'local-port-conflict',
  check({ model, report }) {
    for (const service of model.services) {
      const used = new Map<number, { what: string; at: NodeRef }>();
      used.set(service.spec.port, { what: `"${service.name}" itself`, at: refAt(service.at, 'port') });
      const seen = new Set<string>();
      (service.spec.calls ?? []).forEach((call, index) => {
        const calleeName = calledService(call);
        const callee = model.serviceByName.get(calleeName);
        // A callee listed twice is duplicate-call's to report, not a port conflict.
        if (!callee || seen.has(calleeName)) return;
        seen.add(calleeName);
        const port = typeof call === 'string' ? callee.spec.port : call.localPort;
        const at = refAt(service.at, 'calls', index);
        const clash = used.get(port);
        if (clash) {
          report('local-port-conflict', {
            at,
            message: `"${service.name}" would reach "${calleeName}" on 127.0.0.1:${port}, which is already used by ${clash.what}`,
            hint: `give the call a free local port: {service: ${calleeName}, localPort: <port>}`,
            related: [{ message: `port ${port} is taken here`, at: clash.at }],
          });
          return;
        }
        used.set(port, { what: `the call to "${calleeName}"`, at });
      });
    }
  },
};
