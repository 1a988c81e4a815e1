/**
 * A sidecar split into what its bootstrap must hold and what can change while Envoy runs:
 * listeners (their route tables by RDS), clusters (the endpoints of static ones by EDS), route
 * tables and endpoint assignments. Both live modes use it, with their own config sources:
 * watched files (xds-files) or the ADS stream of `meshc serve` (ads).
 */
import { names } from '../envoy/names.js';
import type { Any, Bootstrap, Cluster, ClusterLoadAssignment, ConfigSource, Filter, Listener, RouteConfiguration } from '../envoy/types.js';
import type { Sidecar } from '../sidecar/sidecar.js';

export const XDS_TYPES = {
  listener: 'envoy.config.listener.v3.Listener',
  cluster: 'envoy.config.cluster.v3.Cluster',
  routeConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  clusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
} as const;

export type XdsType = keyof typeof XDS_TYPES;

/** Make before break: clusters, their endpoints, the listeners, then the route tables they name. */
export const XDS_ORDER: readonly XdsType[] = ['cluster', 'clusterLoadAssignment', 'listener', 'routeConfiguration'];

export const xdsTypeUrl = (type: XdsType): string => `type.googleapis.com/${XDS_TYPES[type]}`;

/** Where a route table or an endpoint assignment of the given name is read from. */
export interface DynamicSources {
  readonly routes: (routeTable: string) => ConfigSource;
  readonly endpoints: (cluster: string) => ConfigSource;
}

export interface DynamicSidecar {
  /** The bootstrap without `static_resources` listeners and with only the clusters it keeps. */
  readonly bootstrap: Bootstrap;
  readonly listeners: readonly Listener[];
  readonly clusters: readonly Cluster[];
  readonly routeTables: readonly RouteConfiguration[];
  readonly assignments: readonly ClusterLoadAssignment[];
}

const HCM = 'envoy.filters.network.http_connection_manager';

/** Clusters the bootstrap keeps: SDS secrets are fetched before CDS could deliver anything. */
const STATIC_CLUSTERS: ReadonlySet<string> = new Set([names.sdsCluster]);

export function splitDynamic(sidecar: Sidecar, sources: DynamicSources): DynamicSidecar {
  const routeTables = new Map<string, RouteConfiguration>();
  const listeners = sidecar.bootstrap.static_resources.listeners.map((l) => withRds(l, sources, routeTables));
  const kept = sidecar.bootstrap.static_resources.clusters.filter((c) => STATIC_CLUSTERS.has(c.name));
  const assignments: ClusterLoadAssignment[] = [];
  const clusters = sidecar.bootstrap.static_resources.clusters.filter((c) => !STATIC_CLUSTERS.has(c.name)).map((c) => withEds(c, sources, assignments));
  const { static_resources, ...rest } = sidecar.bootstrap;
  const bootstrap: Bootstrap = { ...rest, static_resources: { ...static_resources, listeners: [], clusters: kept } };
  return { bootstrap, listeners, clusters, routeTables: [...routeTables.values()], assignments };
}

/** Each connection manager takes its route table by RDS; tables shared by chains are listed once. */
function withRds(listener: Listener, sources: DynamicSources, tables: Map<string, RouteConfiguration>): Listener {
  const filterChains = listener.filter_chains.map((chain) => ({
    ...chain,
    filters: chain.filters.map((filter): Filter => {
      const { route_config, ...hcm } = filter.typed_config as Any & { readonly route_config?: RouteConfiguration };
      if (filter.name !== HCM || route_config === undefined) return filter;
      const seen = tables.get(route_config.name);
      if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(route_config)) {
        throw new Error(`splitDynamic: two route tables named ${route_config.name} differ`);
      }
      tables.set(route_config.name, route_config);
      const rds = { route_config_name: route_config.name, config_source: sources.routes(route_config.name) };
      return { ...filter, typed_config: { ...hcm, rds } };
    }),
  }));
  return { ...listener, filter_chains: filterChains };
}

/** A cluster with its endpoints in the config takes them by EDS instead; DNS clusters stay as they are. */
function withEds(cluster: Cluster, sources: DynamicSources, assignments: ClusterLoadAssignment[]): Cluster {
  if (cluster.type !== 'STATIC' || cluster.load_assignment === undefined) return cluster;
  const { load_assignment, ...rest } = cluster;
  assignments.push({ ...load_assignment, cluster_name: cluster.name });
  return { ...rest, type: 'EDS', eds_cluster_config: { eds_config: sources.endpoints(cluster.name) } };
}
