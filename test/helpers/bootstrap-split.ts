/**
 * The review view of a static-mode bootstrap in golden cases. A sidecar's whole configuration is
 * one bootstrap, so a change to one route would show in a diff as a hunk somewhere in a long file;
 * split by resource type, the file name says what changed:
 *
 *   listeners.yaml  static_resources.listeners, each HTTP connection manager's route_config
 *                   replaced by its name (a string, which a real route_config never is)
 *   routes.yaml     those route configurations, in the order the listeners name them, once per
 *                   name (chains of one listener share theirs)
 *   clusters.yaml   static_resources.clusters
 *   secrets.yaml    static_resources.secrets, when the bootstrap has them
 *   bootstrap.yaml  everything else: node, admin, overload manager, stats, runtime, …
 *
 * Each file is one document of the bootstrap's own format (.json for a JSON bootstrap), written
 * by meshc's serializer. The split is lossless: reassembleBootstrap gives back exactly the
 * bootstrap, and the golden test checks that, bytes included, for every case.
 */
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { createSerializer, YAML_HEADER, type OutputFormat } from '../../src/emit/serialize.js';

type JsonObject = Record<string, unknown>;

const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

/** The moved keys of static_resources, each with the file that holds it. */
const MOVED = ['listeners', 'clusters', 'secrets'] as const;
type Moved = (typeof MOVED)[number];

export interface SplitBootstrap {
  /** The bootstrap without the moved keys (and without static_resources if nothing else was in it). */
  readonly rest: JsonObject;
  /** Absent exactly when static_resources has no such key. */
  readonly listeners?: readonly unknown[];
  readonly clusters?: readonly unknown[];
  readonly secrets?: readonly unknown[];
  /** The route configurations taken out of the listeners; present with the listeners. */
  readonly routes?: readonly unknown[];
}

export function splitBootstrap(bootstrap: JsonObject): SplitBootstrap {
  const { static_resources: staticResources, ...others } = bootstrap;
  if (!isObject(staticResources)) return { rest: bootstrap };
  const kept: JsonObject = {};
  const moved: Partial<Record<Moved, readonly unknown[]>> = {};
  for (const [key, value] of Object.entries(staticResources)) {
    if (isMoved(key) && Array.isArray(value)) moved[key] = value;
    else kept[key] = value;
  }
  const keepStaticResources = Object.keys(kept).length > 0 || Object.keys(moved).length === 0;
  const rest = keepStaticResources ? { ...others, static_resources: kept } : others;
  if (moved.listeners === undefined) return { rest, ...moved };
  const routes = new Map<string, unknown>();
  const listeners = moved.listeners.map((l) => mapConnectionManagers(l, (hcm) => withRouteName(hcm, routes)));
  return { rest, ...moved, listeners, routes: [...routes.values()] };
}

export function reassembleBootstrap(split: SplitBootstrap): JsonObject {
  const moved: Partial<Record<Moved, readonly unknown[]>> = {};
  if (split.clusters !== undefined) moved.clusters = split.clusters;
  if (split.secrets !== undefined) moved.secrets = split.secrets;
  if (split.listeners !== undefined) {
    const routes = routesByName(split.routes ?? []);
    moved.listeners = split.listeners.map((l) => mapConnectionManagers(l, (hcm) => withRouteConfig(hcm, routes)));
  }
  if (Object.keys(moved).length === 0) return split.rest;
  const kept = isObject(split.rest['static_resources']) ? split.rest['static_resources'] : {};
  return { ...split.rest, static_resources: { ...kept, ...moved } };
}

// ── As files ────────────────────────────────────────────────────────────────────────────────

const PARTS = ['bootstrap', 'listeners', 'routes', 'clusters', 'secrets'] as const;
type Part = (typeof PARTS)[number];

const VIEW_HEADER = "# Golden review view of the sidecar's bootstrap, by resource type (test/helpers/bootstrap-split.ts).\n";
const PART_HEADERS: Readonly<Record<Part, string>> = {
  bootstrap: '# The bootstrap without static_resources.listeners, .clusters and .secrets.\n',
  listeners: '# static_resources.listeners; each route_config is the name of its entry in routes.yaml.\n',
  routes: '# The route_config of each HTTP connection manager in listeners.yaml, once per name.\n',
  clusters: '# static_resources.clusters.\n',
  secrets: '# static_resources.secrets.\n',
};

/** The bootstrap's text as the files of its review view, by file name (`listeners.yaml`, …). */
export function splitBootstrapText(text: string, format: OutputFormat): Map<string, string> {
  const split = splitBootstrap(parseDocument(text, format));
  const serialize = createSerializer(format);
  const files = new Map<string, string>();
  for (const part of PARTS) {
    const value = part === 'bootstrap' ? split.rest : split[part];
    if (value === undefined) continue;
    const body = serialize(value);
    files.set(`${part}.${format}`, format === 'yaml' ? VIEW_HEADER + PART_HEADERS[part] + body.slice(YAML_HEADER.length) : body);
  }
  return files;
}

/** The bootstrap the files of a review view hold; files of other names are not read. */
export function reassembleBootstrapText(files: ReadonlyMap<string, string>, format: OutputFormat): JsonObject {
  const read = (part: Part): unknown => {
    const text = files.get(`${part}.${format}`);
    return text === undefined ? undefined : parseText(text, format);
  };
  const rest = read('bootstrap');
  if (!isObject(rest)) throw new Error(`a review view needs bootstrap.${format} holding a mapping`);
  const split: { -readonly [K in keyof SplitBootstrap]: SplitBootstrap[K] } = { rest };
  for (const part of ['listeners', 'routes', 'clusters', 'secrets'] as const) {
    const value = read(part);
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new Error(`${part}.${format} must hold a list`);
    split[part] = value;
  }
  return reassembleBootstrap(split);
}

/** A bootstrap's text as the value the split works on. */
export function parseDocument(text: string, format: OutputFormat): JsonObject {
  const value = parseText(text, format);
  if (!isObject(value)) throw new Error('a bootstrap is a mapping');
  return value;
}

function parseText(text: string, format: OutputFormat): unknown {
  return format === 'json' ? (JSON.parse(text) as unknown) : (parse(text) as unknown);
}

// ── Route configurations ────────────────────────────────────────────────────────────────────

/** A copy of the value with every HTTP connection manager config in it passed through `f`. */
function mapConnectionManagers(value: unknown, f: (hcm: JsonObject) => JsonObject): unknown {
  if (Array.isArray(value)) return value.map((v) => mapConnectionManagers(v, f));
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) copy[key] = mapConnectionManagers(item, f);
  return copy['@type'] === HCM_TYPE ? f(copy) : copy;
}

function withRouteName(hcm: JsonObject, routes: Map<string, unknown>): JsonObject {
  const config = hcm['route_config'];
  if (typeof config === 'string') throw new Error(`a route_config that is a string (${config}) would read as a reference to routes`);
  if (!isObject(config)) return hcm;
  const name = config['name'];
  if (typeof name !== 'string') throw new Error('a route_config without a name cannot be split out losslessly');
  const seen = routes.get(name);
  if (seen !== undefined && !isDeepStrictEqual(seen, config)) throw new Error(`two route configurations named ${name} differ`);
  routes.set(name, config);
  return { ...hcm, route_config: name };
}

function withRouteConfig(hcm: JsonObject, routes: ReadonlyMap<string, unknown>): JsonObject {
  const name = hcm['route_config'];
  if (typeof name !== 'string') return hcm;
  const config = routes.get(name);
  if (config === undefined) throw new Error(`listeners name the route configuration ${name}, which routes does not hold`);
  return { ...hcm, route_config: config };
}

function routesByName(routes: readonly unknown[]): Map<string, unknown> {
  const byName = new Map<string, unknown>();
  for (const route of routes) {
    const name = isObject(route) ? route['name'] : undefined;
    if (typeof name !== 'string' || byName.has(name)) throw new Error(`routes must hold route configurations with distinct names (${String(name)})`);
    byName.set(name, route);
  }
  return byName;
}

function isMoved(key: string): key is Moved {
  return (MOVED as readonly string[]).includes(key);
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
