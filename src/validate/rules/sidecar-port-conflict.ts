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
    const sidecarPorts = [
      ['inboundPort', sidecar?.inboundPort ?? BUILTIN.sidecar.inboundPort, sidecar?.inboundPort !== undefined],
      ['adminPort', sidecar?.adminPort ?? BUILTIN.sidecar.adminPort, sidecar?.adminPort !== undefined],
      ['metricsPort', sidecar?.metricsPort ?? BUILTIN.sidecar.metricsPort, sidecar?.metricsPort !== undefined],
    ] as const;
    for (const [field, port] of sidecarPorts) {
      const taken = ports.get(port);
      if (taken && sidecarAt) {
        // Blame the port that was written; a default nobody wrote cannot be fixed where it stands.
        const isWritten = (f: string) => sidecarPorts.some(([name, , explicit]) => name === f && explicit);
        const blamed = isWritten(field) || !isWritten(taken) ? field : taken;
        const other = blamed === field ? taken : field;
        report('sidecar-port-conflict', {
          at: refAt(sidecarAt, blamed),
          message: `mesh.sidecar.${blamed} ${port} is also the sidecar's ${other}${sidecar?.[other as 'inboundPort'] === undefined ? ' (its default)' : ''}`,
          hint: 'give the sidecar ports different values',
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
