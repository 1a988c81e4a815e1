/**
 * A workload address appears once in the mesh: twice in one service is a slip, and in two
 * services both would expect their own sidecar (with its own identity and policy) on that
 * ip:port, which one sidecar cannot be.
 */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import { parseEndpoint, type EndpointAddress } from '../../dsl/endpoint.js';
import type { VersionSpec } from '../../dsl/schema.js';
import { BUILTIN } from '../../dsl/builtin.js';

/**
 * A version's endpoints, parsed (undefined: not an IP literal, which invalid-ip reports),
 * remembered per version object: a long-running compiler hands the same objects back for
 * unchanged sources, and this rule reads every endpoint of the mesh on every compile.
 */
const PARSED = new WeakMap<VersionSpec, readonly (EndpointAddress | undefined)[]>();

function addresses(spec: VersionSpec): readonly (EndpointAddress | undefined)[] {
  let known = PARSED.get(spec);
  if (!known) {
    known = (spec.endpoints ?? []).map((e) => {
      const parsed = parseEndpoint(e);
      return parsed.ok ? parsed.value : undefined;
    });
    PARSED.set(spec, known);
  }
  return known;
}

export const duplicateEndpoint: Rule = {
  id: 'duplicate-endpoint',
  check({ model, report }) {
    const inboundPort = model.mesh?.value.sidecar?.inboundPort ?? BUILTIN.sidecar.inboundPort;
    // Places are made only for what is reported: the rule sees every endpoint of the mesh.
    const seen = new Map<string, { readonly at: () => NodeRef; readonly service: string }>();
    for (const service of model.services) {
      for (const [version, spec] of Object.entries(service.spec.versions)) {
        addresses(spec).forEach((address, index) => {
          if (address === undefined) return;
          const key = `${address.address}:${address.port ?? inboundPort}`;
          const place = () => refAt(service.at, 'versions', version, 'endpoints', index);
          const first = seen.get(key);
          if (!first) {
            seen.set(key, { at: place, service: service.name });
            return;
          }
          const at = place();
          const same = first.service === service.name;
          report('duplicate-endpoint', {
            at,
            message: same
              ? `endpoint ${key} is listed twice in "${service.name}"`
              : `endpoint ${key} of "${service.name}" is already an endpoint of "${first.service}": both would expect their own sidecar there`,
            ...(same ? {} : { hint: "a sidecar serves one service; give each service's workload its own address or port" }),
            related: [{ message: 'first listed here', at: first.at() }],
          });
        });
      }
    }
  },
};
