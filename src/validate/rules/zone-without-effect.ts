/**
 * Envoy prefers endpoints in its own zone only when it knows that zone (node.locality, per
 * workload) and the zones of its own service's workloads (cluster_manager.local_cluster_name).
 * meshc writes one configuration per service, shared by its workloads in every zone, so neither
 * is known and a `zone` would be written and never used: refused, not silently ignored.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allVersions } from '../walk.js';

export const zoneWithoutEffect: Rule = {
  id: 'zone-without-effect',
  scope: 'service',
  check({ model, report }) {
    for (const { service, name, version, at } of allVersions(model)) {
      (version.endpoints ?? []).forEach((endpoint, index) => {
        if (typeof endpoint === 'string' || endpoint.zone === undefined) return;
        report('zone-without-effect', {
          at: refAt(at, 'endpoints', index, 'zone'),
          target: 'key',
          message: `zone "${endpoint.zone}" on an endpoint of ${service.name}.${name} would have no effect: a sidecar does not know the zone it runs in`,
          hint: "remove `zone`; to keep traffic within a zone, give the zone's workloads their own version and route or split to it",
        });
      });
    }
  },
};
