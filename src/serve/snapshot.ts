/**
 * What `meshc serve` holds for each service: its served resources encoded once, each with a
 * version that is a hash of its bytes, so versions are the same on every replica and across
 * restarts, and a response's version is a hash of exactly the resources it carries. Identical
 * resources (a callee's clusters are the same in every caller) are encoded once per mesh.
 */
import { createHash } from 'node:crypto';
import { encodeMessage } from '../check/encode.js';
import type { Origin } from '../ir/types.js';
import type { ServedConfig } from '../xds/ads.js';
import { XDS_ORDER, XDS_TYPES, xdsTypeUrl, type XdsType } from '../xds/dynamic.js';
import type { PackedAny } from './protocol.js';

export const TYPE_URL = Object.fromEntries(XDS_ORDER.map((t) => [t, xdsTypeUrl(t)])) as Readonly<Record<XdsType, string>>;

const TYPE_BY_URL: ReadonlyMap<string, XdsType> = new Map(XDS_ORDER.map((t) => [TYPE_URL[t], t]));

export function xdsTypeOf(typeUrl: string): XdsType | undefined {
  return TYPE_BY_URL.get(typeUrl);
}

export interface SnapshotResource {
  readonly name: string;
  readonly version: string;
  readonly any: PackedAny;
  /** The resource as Envoy JSON, for /debug/config. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly origin?: Origin;
}

export interface ServiceSnapshot {
  readonly service: string;
  /** A hash of every resource's name and version. */
  readonly version: string;
  readonly resources: Readonly<Record<XdsType, ReadonlyMap<string, SnapshotResource>>>;
}

/** Encoded resources by their JSON text, reused from one compile to the next. */
export type EncodeCache = Map<string, { readonly version: string; readonly any: PackedAny }>;

/**
 * The snapshot built from each served configuration: a compile that reuses a service's output
 * (compile-cache.ts) hands over the very same object, whose snapshot is then reused too.
 */
export type SnapshotCache = WeakMap<ServedConfig, ServiceSnapshot>;

export function buildSnapshots(
  served: ReadonlyMap<string, ServedConfig>,
  previous: EncodeCache = new Map(),
  reuse?: SnapshotCache,
): { snapshots: Map<string, ServiceSnapshot>; cache: EncodeCache } {
  const cache: EncodeCache = new Map();
  const snapshots = new Map<string, ServiceSnapshot>();
  for (const [service, config] of served) {
    const reused = reuse?.get(config);
    if (reused) {
      snapshots.set(service, reused);
      continue;
    }
    const resources = { cluster: new Map(), clusterLoadAssignment: new Map(), listener: new Map(), routeConfiguration: new Map() } as Record<
      XdsType,
      Map<string, SnapshotResource>
    >;
    for (const r of config.resources) {
      const json = JSON.stringify(r.value);
      let encoded = cache.get(json) ?? previous.get(json);
      if (encoded === undefined) {
        const { '@type': _type, ...payload } = r.value;
        const bytes = encodeMessage(XDS_TYPES[r.type], payload);
        encoded = { version: hash(bytes), any: { type_url: TYPE_URL[r.type], value: bytes } };
      }
      cache.set(json, encoded);
      resources[r.type].set(r.name, { name: r.name, version: encoded.version, any: encoded.any, value: r.value, ...(r.origin ? { origin: r.origin } : {}) });
    }
    const all = XDS_ORDER.flatMap((t) => [...resources[t].values()].map((r) => ({ ...r, name: `${t}/${r.name}` })));
    const snapshot = { service, version: setVersion(all), resources };
    snapshots.set(service, snapshot);
    reuse?.set(config, snapshot);
  }
  return { snapshots, cache };
}

/** The version of a set of resources: a hash of their names and versions, in name order. */
export function setVersion(resources: Iterable<{ readonly name: string; readonly version: string }>): string {
  const lines = [...resources].map((r) => `${r.name}\u0000${r.version}`).sort();
  return hash(lines.join('\n'));
}

function hash(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}
