/**
 * Endpoint files over the compiled configuration: each version they name gets their endpoints
 * in the ClusterLoadAssignment of its cluster, in every sidecar that calls it. Only EDS changes;
 * clusters and listeners are the compiler's, untouched.
 */
import { checkMessage } from '../../check/check.js';
import { typed } from '../../envoy/any.js';
import { lbEndpoint, socketAddress } from '../../envoy/endpoints.js';
import { names } from '../../envoy/names.js';
import type { Any, ClusterLoadAssignment, LbEndpoint, LocalityLbEndpoints } from '../../envoy/types.js';
import type { MeshIR } from '../../ir/types.js';
import type { ServedConfig } from '../../xds/ads.js';
import { XDS_TYPES } from '../../xds/dynamic.js';
import type { EndpointFiles, EndpointSet } from './load.js';

export function applyEndpointFiles(served: ReadonlyMap<string, ServedConfig>, files: EndpointFiles, mesh: MeshIR): Map<string, ServedConfig> {
  const byCluster = new Map<string, EndpointSet>();
  for (const sets of files.values()) for (const set of sets) byCluster.set(names.outboundCluster(set.service, set.version), set);
  const services = new Map(mesh.services.map((s) => [s.name, s]));
  // Callers reach a sidecar on its inbound port, a proxyless application on its own port.
  const portOf = (set: EndpointSet) => {
    const service = services.get(set.service);
    return service?.proxy === 'grpc' ? service.port : mesh.sidecar.inboundPort;
  };
  const forms = { envoy: new Map<string, Any>(), grpc: new Map<string, Any>() };
  // Only the forms some served service takes: the gRPC one only for proxyless services.
  const used = new Set([...served.keys()].map((service) => services.get(service)?.proxy ?? 'envoy'));
  for (const form of used) {
    for (const [cluster, set] of byCluster) {
      forms[form].set(cluster, typed(XDS_TYPES.clusterLoadAssignment, { ...assignment(cluster, set, portOf(set), form === 'grpc') }));
    }
  }
  // Served resources pass the checker, these too; the files were checked, so a problem is a meshc bug.
  for (const form of Object.values(forms)) {
    if (form.size === 0) continue;
    const problems = checkMessage('discovery', { type_url: `type.googleapis.com/${XDS_TYPES.clusterLoadAssignment}`, resources: [...form.values()] }, { strict: true });
    if (problems.length > 0) throw new Error(`endpoint files gave an assignment Envoy would refuse: ${problems[0]?.message}`);
  }
  const result = new Map<string, ServedConfig>();
  for (const [service, config] of served) {
    const assignments = forms[services.get(service)?.proxy ?? 'envoy'];
    let touched = false;
    const resources = config.resources.map((r) => {
      const set = r.type === 'clusterLoadAssignment' ? byCluster.get(r.name) : undefined;
      const replaced = set && assignments.get(r.name);
      touched ||= replaced !== undefined;
      return set && replaced ? { ...r, value: replaced, origin: set.origin } : r;
    });
    // An untouched configuration stays the same object, so that its snapshot is reused.
    result.set(service, touched ? { ...config, resources } : config);
  }
  return result;
}

/**
 * One locality per zone, in the order first written; endpoints without a zone in their own. For
 * gRPC clients every locality is named and weighted: grpc-js NACKs one without `locality` and
 * drops one without `load_balancing_weight` (endpoint-resource-type.ts).
 */
function assignment(cluster: string, set: EndpointSet, defaultPort: number, grpc: boolean): ClusterLoadAssignment {
  const groups = new Map<string | undefined, LbEndpoint[]>();
  for (const e of set.endpoints) {
    const endpoint: LbEndpoint = {
      ...lbEndpoint(socketAddress(e.address, e.port ?? defaultPort), e.weight),
      ...(e.health === 'draining' ? { health_status: 'DRAINING' as const } : {}),
    };
    groups.set(e.zone, [...(groups.get(e.zone) ?? []), endpoint]);
  }
  const endpoints: LocalityLbEndpoints[] = [...groups].map(([zone, lb_endpoints]) => ({
    ...(zone !== undefined ? { locality: { zone } } : grpc ? { locality: {} } : {}),
    ...(grpc ? { load_balancing_weight: 1 } : {}),
    lb_endpoints,
  }));
  return { cluster_name: cluster, endpoints };
}
