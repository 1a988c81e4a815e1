/**
 * Make before break for removed clusters. Envoy applies each xDS file on its own, the moment it
 * is moved into place, and CDS is state of the world: a cluster missing from cds.yaml is removed
 * at once. Clusters go in before the route tables and listeners naming them (updateRank), which
 * is right for added clusters but wrong for removed ones: until the new route tables are in, a
 * route still names the removed cluster and Envoy answers 503 (NC, no cluster found). So when
 * the new cds.yaml drops clusters, an interim cds.yaml holding the new clusters plus the dropped
 * ones goes first, and the final one after the listeners.
 */
import { parse } from 'yaml';
import { formatOfName } from './layout.js';
import { serialize } from './serialize.js';
import { xdsVersion } from '../xds/files.js';

export function isCdsFile(path: string): boolean {
  return /(^|\/)xds\/cds\.yaml$/.test(path);
}

/**
 * The interim CDS file between `oldText` (on disk) and `newText` (to be written) at `path`, or
 * undefined when no cluster is dropped, or when the old file is not a DiscoveryResponse we can
 * read (then it is replaced as any other file: nothing better is known of what Envoy holds).
 */
export function interimCds(path: string, oldText: string, newText: string): string | undefined {
  const before = discoveryResponse(oldText);
  const after = discoveryResponse(newText);
  if (before === undefined || after === undefined || before.type_url !== after.type_url) return undefined;
  const kept = new Set(after.resources.map((r) => r.name));
  const dropped = before.resources.filter((r) => !kept.has(r.name));
  if (dropped.length === 0) return undefined;
  const resources = [...after.resources, ...dropped];
  return serialize({ version_info: xdsVersion(resources), type_url: after.type_url, resources }, formatOfName(path));
}

interface Response {
  readonly type_url: string;
  readonly resources: readonly { readonly name: string }[];
}

/** `yaml` reads JSON too, so either encoding of the file parses here. */
function discoveryResponse(text: string): Response | undefined {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.version_info !== 'string' || typeof value.type_url !== 'string' || !Array.isArray(value.resources)) return undefined;
  const resources: unknown[] = value.resources;
  const named = resources.filter((r): r is { name: string } => isRecord(r) && typeof r.name === 'string');
  return named.length === resources.length ? { type_url: value.type_url, resources: named } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
