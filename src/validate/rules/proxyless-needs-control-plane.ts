/**
 * A `proxy: grpc` service has no sidecar: its application's own xDS client is its only source
 * of configuration, and that client needs `meshc serve` to talk to.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const proxylessNeedsControlPlane: Rule = {
  id: 'proxyless-needs-control-plane',
  check({ model, report }) {
    if (!model.mesh || model.mesh.value.controlPlane) return;
    for (const service of model.services) {
      if (service.spec.proxy !== 'grpc') continue;
      report('proxyless-needs-control-plane', {
        at: refAt(service.at, 'proxy'),
        message: `"${service.name}" is proxyless (proxy: grpc), but the mesh has no controlPlane for its xDS client to reach`,
        hint: 'add `controlPlane: { address: meshc-serve.internal:18000 }` to the mesh block and run meshc serve',
      });
    }
  },
};
