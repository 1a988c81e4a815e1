/**
 * `compile --mode xds-files`: the same sidecar, delivered as files Envoy watches and reloads, so
 * that a changed split or endpoint needs no restart. The bootstrap keeps what cannot change live
 * (node, admin, overload manager, stats, static secrets, and the SDS server's cluster that
 * secrets need before anything else); listeners come by LDS, their route tables by RDS, clusters
 * by CDS and the endpoints of static clusters by EDS, each from its own file:
 *
 *   xds/lds.yaml   xds/cds.yaml   xds/rds/<route table>.yaml   xds/eds/<cluster>.yaml
 *
 * installed in `mesh.sidecar.xdsDir` on the workload, as the sds/ files are in sdsDir. Each file
 * is a DiscoveryResponse whose `version_info` is a hash of its resources, so an unchanged file
 * keeps its bytes across compiles and a changed endpoint rewrites only its EDS file.
 */
import { createHash } from 'node:crypto';
import { typed } from '../envoy/any.js';
import { names } from '../envoy/names.js';
import type { Any, Bootstrap, Cluster, ClusterLoadAssignment, Filter, Listener, RouteConfiguration } from '../envoy/types.js';
import type { SidecarFile } from '../policies/index.js';
import type { Sidecar } from '../sidecar/sidecar.js';

const TYPE = {
  listener: 'envoy.config.listener.v3.Listener',
  cluster: 'envoy.config.cluster.v3.Cluster',
  routeConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  clusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
} as const;

/** Output directory of the files, next to the bootstrap; `xdsDir` on the workload. */
const OUTPUT_DIR = 'xds';
const HCM = 'envoy.filters.network.http_connection_manager';

/** Clusters the bootstrap keeps: SDS secrets are fetched before CDS could deliver anything. */
const STATIC_CLUSTERS: ReadonlySet<string> = new Set([names.sdsCluster]);

export function asXdsFiles(sidecar: Sidecar, xdsDirPattern: string): Sidecar {
  // `{service}` lets one directory tree serve every service, e.g. compile's own --out on the node.
  const xdsDir = xdsDirPattern.split('{service}').join(sidecar.service);
  const routeTables = new Map<string, RouteConfiguration>();
  const listeners = sidecar.bootstrap.static_resources.listeners.map((l) => withRds(l, xdsDir, routeTables));
  const [kept, dynamic] = partition(sidecar.bootstrap.static_resources.clusters, (c) => STATIC_CLUSTERS.has(c.name));
  const assignments: ClusterLoadAssignment[] = [];
  const clusters = dynamic.map((c) => withEds(c, xdsDir, assignments));
  const files: SidecarFile[] = [
    file('lds.yaml', TYPE.listener, listeners),
    file('cds.yaml', TYPE.cluster, clusters),
    ...[...routeTables.values()].map((rc) => file(`rds/${fileName(rc.name)}.yaml`, TYPE.routeConfiguration, [rc])),
    ...assignments.map((a) => file(`eds/${fileName(a.cluster_name)}.yaml`, TYPE.clusterLoadAssignment, [a])),
  ];
  const { static_resources, ...rest } = sidecar.bootstrap;
  const bootstrap: Bootstrap = {
    ...rest,
    static_resources: { ...static_resources, listeners: [], clusters: kept },
    dynamic_resources: { lds_config: fileSource(xdsDir, 'lds.yaml'), cds_config: fileSource(xdsDir, 'cds.yaml') },
  };
  return { ...sidecar, bootstrap, files: [...sidecar.files, ...files.sort((a, b) => (a.path < b.path ? -1 : 1))] };
}

/** A ConfigSource reading `<xdsDir>/<path>`, reloaded when a file is moved into its directory. */
function fileSource(xdsDir: string, path: string): Record<string, unknown> {
  const full = `${xdsDir}/${path}`;
  return { resource_api_version: 'V3', path_config_source: { path: full, watched_directory: { path: full.slice(0, full.lastIndexOf('/')) } } };
}

/** Each connection manager takes its route table by RDS; tables shared by chains are written once. */
function withRds(listener: Listener, xdsDir: string, tables: Map<string, RouteConfiguration>): Listener {
  const filterChains = listener.filter_chains.map((chain) => ({
    ...chain,
    filters: chain.filters.map((filter): Filter => {
      const { route_config, ...hcm } = filter.typed_config as Any & { readonly route_config?: RouteConfiguration };
      if (filter.name !== HCM || route_config === undefined) return filter;
      const seen = tables.get(route_config.name);
      if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(route_config)) {
        throw new Error(`asXdsFiles: two route tables named ${route_config.name} differ`);
      }
      tables.set(route_config.name, route_config);
      const rds = { route_config_name: route_config.name, config_source: fileSource(xdsDir, `rds/${fileName(route_config.name)}.yaml`) };
      return { ...filter, typed_config: { ...hcm, rds } };
    }),
  }));
  return { ...listener, filter_chains: filterChains };
}

/** A cluster with its endpoints in the config takes them by EDS instead; DNS clusters stay as they are. */
function withEds(cluster: Cluster, xdsDir: string, assignments: ClusterLoadAssignment[]): Cluster {
  if (cluster.type !== 'STATIC' || cluster.load_assignment === undefined) return cluster;
  const { load_assignment, ...rest } = cluster;
  assignments.push({ ...load_assignment, cluster_name: cluster.name });
  return { ...rest, type: 'EDS', eds_cluster_config: { eds_config: fileSource(xdsDir, `eds/${fileName(cluster.name)}.yaml`) } };
}

/**
 * A DiscoveryResponse of one type. Its version is the SHA-256 of the resources as canonical JSON
 * (keys sorted at every level), so anyone can recompute it from the file, whatever its encoding.
 */
function file(path: string, type: string, resources: readonly object[]): SidecarFile {
  const packed = resources.map((r) => typed(type, { ...r }));
  return { path: `${OUTPUT_DIR}/${path}`, content: { version_info: xdsVersion(packed), type_url: `type.googleapis.com/${type}`, resources: packed } };
}

/** The `version_info` of a DiscoveryResponse holding `resources` (each already packed with its `@type`). */
export function xdsVersion(resources: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(resources)).digest('hex').slice(0, 16);
}

/** Resource names hold `|`; service and version names never hold `.`, so `.` keeps file names distinct. */
function fileName(resource: string): string {
  return resource.split('|').join('.');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((i) => !keep(i))];
}
