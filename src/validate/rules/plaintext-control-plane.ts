/**
 * The control plane hands every sidecar its whole configuration, authorization included: a
 * plaintext channel across the network lets anyone on the path rewrite the mesh's policy.
 * `tls: off` is for a control plane on the workload's own host only.
 */
import type { Rule } from '../context.js';
import { isLoopback, splitHostPort } from '../../dsl/endpoint.js';
import { refAt } from '../../dsl/model.js';

export const plaintextControlPlane: Rule = {
  id: 'plaintext-control-plane',
  check({ model, report }) {
    const mesh = model.mesh;
    const spec = mesh?.value.controlPlane;
    if (!mesh || !spec || spec.tls !== 'off') return;
    const address = splitHostPort(spec.address);
    if (!address.ok || isLoopback(address.value.address)) return;
    report('plaintext-control-plane', {
      at: refAt(mesh.at, 'controlPlane', 'tls'),
      message: `sidecars would take their configuration from ${spec.address} in plaintext, across the network`,
      hint: 'remove `tls: off` (mutual TLS with the sidecar\u2019s own certificate is the default), or run meshc serve on the workload\u2019s host and use a loopback address',
    });
  },
};
