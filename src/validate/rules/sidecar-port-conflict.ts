/** Service ports and local ports must not collide with the ports the sidecar binds itself. */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import { BUILTIN } from '../../dsl/builtin.js';

export const sidecarPortConflict: Rule = {
  id: 'sidecar-port-conflict',
  check({ model, report }) {
    const sidecar = model.mesh?.value.sidecar;
    const sidecarAt = model.mesh ? refAt(model.mesh.at, 'sidecar') : undefined;
    const ports = new Map<number, string>();
    for (const [field, port] of [
      ['inboundPort', sidecar?.inboundPort ?? BUILTIN.sidecar.inboundPort],
      ['adminPort', sidecar?.adminPort ?? BUILTIN.sidecar.adminPort],
    ] as const) {
      const taken = ports.get(port);
      if (taken && sidecarAt) {
        report('sidecar-port-conflict', {
          at: refAt(sidecarAt, field),
          message: `mesh.sidecar.${field} ${port} is also the sidecar's ${taken}`,
        });
      }
      ports.set(port, field);
    }
    const check = (port: number, at: NodeRef, what: string) => {
      const field = ports.get(port);
      if (field === undefined) return;
      report('sidecar-port-conflict', {
        at,
        message: `${what} ${port} collides with the sidecar's ${field} (mesh.sidecar.${field})`,
        hint: 'choose another port, or move the sidecar port in mesh.sidecar',
      });
    };
    for (const service of model.services) {
      check(service.spec.port, refAt(service.at, 'port'), `port of "${service.name}"`);
      (service.spec.calls ?? []).forEach((call, index) => {
        if (typeof call !== 'string') check(call.localPort, refAt(service.at, 'calls', index, 'localPort'), 'localPort');
      });
    }
  },
};
