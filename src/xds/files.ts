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
import type { Bootstrap, ConfigSource } from '../envoy/types.js';
import type { SidecarFile } from '../envoy/files.js';
import type { Sidecar } from '../sidecar/sidecar.js';
import { splitDynamic, XDS_TYPES } from './dynamic.js';

/** Output directory of the files, next to the bootstrap; `xdsDir` on the workload. */
const OUTPUT_DIR = 'xds';

export function asXdsFiles(sidecar: Sidecar, xdsDirPattern: string): Sidecar {
  // `{service}` lets one directory tree serve every service, e.g. compile's own --out on the node.
  const xdsDir = xdsDirPattern.split('{service}').join(sidecar.service);
  const split = splitDynamic(sidecar, {
    routes: (table) => fileSource(xdsDir, routeFile(table)),
    endpoints: (cluster) => fileSource(xdsDir, endpointFile(cluster)),
  });
  const files: SidecarFile[] = [
    file('lds.yaml', XDS_TYPES.listener, split.listeners),
    file('cds.yaml', XDS_TYPES.cluster, split.clusters),
    ...split.routeTables.map((rc) => file(routeFile(rc.name), XDS_TYPES.routeConfiguration, [rc])),
    ...split.assignments.map((a) => file(endpointFile(a.cluster_name), XDS_TYPES.clusterLoadAssignment, [a])),
  ];
  const bootstrap: Bootstrap = {
    ...split.bootstrap,
    dynamic_resources: { lds_config: fileSource(xdsDir, 'lds.yaml'), cds_config: fileSource(xdsDir, 'cds.yaml') },
  };
  return { ...sidecar, bootstrap, files: [...sidecar.files, ...files.sort((a, b) => (a.path < b.path ? -1 : 1))] };
}

/** A ConfigSource reading `<xdsDir>/<path>`, reloaded when a file is moved into its directory. */
function fileSource(xdsDir: string, path: string): ConfigSource {
  const full = `${xdsDir}/${path}`;
  return { resource_api_version: 'V3', path_config_source: { path: full, watched_directory: { path: full.slice(0, full.lastIndexOf('/')) } } };
}

const routeFile = (table: string): string => `rds/${fileName(table)}.yaml`;
const endpointFile = (cluster: string): string => `eds/${fileName(cluster)}.yaml`;

/**
 * A DiscoveryResponse of one type. Its version is the SHA-256 of the resources as canonical JSON
 * (keys sorted at every level), so anyone can recompute it from the file, whatever its encoding.
 */
function file(path: string, type: string, resources: readonly object[]): SidecarFile {
  const packed = resources.map((r) => typed(type, { ...r }));
  return { path: `${OUTPUT_DIR}/${path}`, content: { version_info: xdsVersion(packed), type_url: `type.googleapis.com/${type}`, resources: packed } };
}

/** The `version_info` of a DiscoveryResponse holding `resources` (each packed with its `@type`). */
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
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
