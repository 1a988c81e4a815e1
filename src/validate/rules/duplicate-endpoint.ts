/** A workload address appears once per service, across all its versions. */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import { parseEndpoint } from '../../dsl/endpoint.js';
import { BUILTIN } from '../../dsl/builtin.js';

export const duplicateEndpoint: Rule = {
  id: 'duplicate-endpoint',
  check({ model, report }) {
    const inboundPort = model.mesh?.value.sidecar?.inboundPort ?? BUILTIN.sidecar.inboundPort;
    for (const service of model.services) {
      const seen = new Map<string, NodeRef>();
      for (const [version, spec] of Object.entries(service.spec.versions)) {
        (spec.endpoints ?? []).forEach((endpoint, index) => {
          const parsed = parseEndpoint(endpoint);
          if (!parsed.ok) return;
          const key = `${parsed.value.address}:${parsed.value.port ?? inboundPort}`;
          const at = refAt(service.at, 'versions', version, 'endpoints', index);
          const first = seen.get(key);
          if (!first) {
            seen.set(key, at);
            return;
          }
          report('duplicate-endpoint', {
            at,
            message: `endpoint ${key} is listed twice in "${service.name}"`,
            related: [{ message: 'first listed here', at: first }],
          });
        });
      }
    }
  },
};
