/**
 * `compile --mode ads`: the bootstrap keeps what cannot change live and points at `meshc serve`
 * (`ads_config`, gRPC over the sidecar's own cluster to the control plane, mutual TLS with its
 * SDS identity by default); listeners, route tables, clusters and endpoints all come over that
 * one aggregated stream. The served resources travel with the sidecar so that they are checked
 * with its bootstrap, as one configuration, before anything is served.
 */
import type { Bootstrap, ConfigSource } from '../envoy/types.js';
import type { ControlPlaneIR, Origin } from '../ir/types.js';
import type { Sidecar } from '../sidecar/sidecar.js';
import { splitDynamic, XDS_TYPES, xdsTypeUrl, type XdsType } from './dynamic.js';
import { typed } from '../envoy/any.js';

/** What `meshc serve` sends one service's sidecars, by xDS type, in make-before-break order. */
export interface ServedConfig {
  readonly service: string;
  readonly resources: readonly ServedResource[];
}

export interface ServedResource {
  readonly type: XdsType;
  readonly name: string;
  /** The resource as Envoy JSON, with its `@type`. */
  readonly value: Readonly<Record<string, unknown>>;
  /** The DSL node it came from, to point a client's rejection at a line. */
  readonly origin?: Origin;
}

const ADS: ConfigSource = { resource_api_version: 'V3', ads: {} };

export function asAds(sidecar: Sidecar, controlPlane: ControlPlaneIR): { sidecar: Sidecar; served: ServedConfig } {
  const cluster = sidecar.controlPlaneCluster;
  if (cluster === undefined) throw new Error(`asAds: sidecar ${sidecar.service} has no control-plane cluster`);
  const split = splitDynamic(sidecar, { routes: () => ADS, endpoints: () => ADS });
  const bootstrap: Bootstrap = {
    ...split.bootstrap,
    static_resources: { ...split.bootstrap.static_resources, clusters: [...split.bootstrap.static_resources.clusters, cluster] },
    dynamic_resources: {
      ads_config: {
        api_type: controlPlane.api === 'delta' ? 'DELTA_GRPC' : 'GRPC',
        transport_api_version: 'V3',
        set_node_on_first_message_only: true,
        grpc_services: [{ envoy_grpc: { cluster_name: cluster.name } }],
      },
      lds_config: ADS,
      cds_config: ADS,
    },
  };
  // Route tables are named after their listener, and endpoint assignments after their cluster.
  const originKey = { cluster: 'cluster', clusterLoadAssignment: 'cluster', listener: 'listener', routeConfiguration: 'listener' } as const;
  const pack = (type: XdsType, name: string, value: object): ServedResource => {
    const origin = sidecar.origins.get(`${originKey[type]}:${name}`);
    return { type, name, value: typed(XDS_TYPES[type], { ...value }), ...(origin ? { origin } : {}) };
  };
  const resources = [
    ...split.clusters.map((c) => pack('cluster', c.name, c)),
    ...split.assignments.map((a) => pack('clusterLoadAssignment', a.cluster_name, a)),
    ...split.listeners.map((l) => pack('listener', l.name, l)),
    ...split.routeTables.map((r) => pack('routeConfiguration', r.name, r)),
  ];
  return { sidecar: { ...sidecar, bootstrap }, served: { service: sidecar.service, resources } };
}

/** The served resources of one type as a DiscoveryResponse, the form the checker reads them in. */
export function servedResponse(served: ServedConfig, type: XdsType): { type_url: string; resources: readonly object[] } {
  return { type_url: xdsTypeUrl(type), resources: served.resources.filter((r) => r.type === type).map((r) => r.value) };
}
