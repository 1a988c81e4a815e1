/**
 * The rate-limit service sees every limited request's keys and the tracing collector every
 * span's URLs and timings; across the network in plaintext anyone on the path reads them, and
 * a forged rate-limit answer blocks or lets through traffic. Plaintext is warned unless it
 * stays on the workload's own host; `mtlsIdentity` turns on mutual TLS.
 */
import type { Rule } from '../context.js';
import { isLoopback, splitHostPort } from '../../dsl/endpoint.js';
import { refAt, type NodeRef } from '../../dsl/model.js';

export const plaintextMeshService: Rule = {
  id: 'plaintext-mesh-service',
  check({ model, report }) {
    const mesh = model.mesh;
    if (!mesh) return;
    const targets: [string, { readonly mtlsIdentity?: string | undefined } | undefined, string | undefined, NodeRef][] = [
      ['rate-limit service', mesh.value.rateLimitService, mesh.value.rateLimitService?.address, refAt(mesh.at, 'rateLimitService', 'address')],
      ['tracing collector', mesh.value.observability?.tracing, mesh.value.observability?.tracing?.collector, refAt(mesh.at, 'observability', 'tracing', 'collector')],
    ];
    for (const [what, spec, address, at] of targets) {
      if (!spec || address === undefined || spec.mtlsIdentity !== undefined) continue;
      const parsed = splitHostPort(address);
      if (!parsed.ok || isLoopback(parsed.value.address)) continue;
      report('plaintext-mesh-service', {
        at,
        message: `every sidecar reaches the ${what} at ${address} in plaintext, across the network`,
        hint: 'run it as a mesh workload and set mtlsIdentity: <its service name> next to this field, or reach it on loopback',
      });
    }
  },
};
