/**
 * What one compile keeps for the next, so that a long-running compiler (`meshc serve`) redoes
 * only what an edit touches: the reading of each file whose size and times are unchanged, the
 * parse and schema check of each source whose text is unchanged, and each sidecar or proxyless
 * service whose inputs are unchanged (built, made live and checked), the findings of the rules
 * scoped to one document or service, and each resolved service; rules about the mesh as a whole
 * run each time.
 *
 * A sidecar is a pure function of the mesh-level settings, its own service and the services it
 * calls (src/sidecar/sidecar.ts: the builders see nothing else), so those three are its key.
 * Parse results, rule findings and resolved services are kept by identity: the objects of a
 * source that was not parsed again are the same objects.
 * Origins are part of the IR, so a line that moves invalidates what it produced: diagnostics and
 * served origins stay exact. test/incremental.test.ts compares cached and full compiles.
 */
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { MeshDocument } from './dsl/schema.js';
import type { ParsedDocument } from './dsl/parse.js';
import type { FileStamps } from './dsl/source.js';
import type { ResolveCache } from './ir/resolve.js';
import { createRuleCache, type RuleCache } from './validate/validate.js';
import type { MeshIR, ServiceIR } from './ir/types.js';

export interface CachedSource {
  readonly text: string;
  readonly documents: readonly { readonly parsed: ParsedDocument; readonly value: MeshDocument | undefined }[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface CachedOutput<T> {
  readonly key: readonly string[];
  readonly value: T;
}

export interface CompileCache {
  /** What was read from each input file, kept while the file's stamp is unchanged. */
  readonly files: FileStamps;
  readonly sources: Map<string, CachedSource>;
  readonly rules: RuleCache;
  readonly services: ResolveCache;
  readonly serviceJson: WeakMap<ServiceIR, string>;
  /** By `<mode>/<service>`. */
  readonly outputs: Map<string, CachedOutput<unknown>>;
}

export function createCompileCache(): CompileCache {
  return { files: new Map(), sources: new Map(), rules: createRuleCache(), services: new WeakMap(), serviceJson: new WeakMap(), outputs: new Map() };
}

/**
 * The inputs of one service's output: the mesh-level settings, its own IR and its callees', as
 * JSON. Compared by content, not identity, so that an edit of a mesh kept in one file, which
 * parses (and resolves) every service again, still rebuilds only the sidecars it changed. A
 * service's JSON is made once per IR object: one the resolve cache kept costs nothing.
 */
export function outputKey(meshLevel: string, service: ServiceIR, byName: ReadonlyMap<string, string>): string[] {
  return [meshLevel, byName.get(service.name) ?? '', ...service.calls.map((c) => byName.get(c.service) ?? '')];
}

/** Every mesh-level setting (all of the IR but the services), and each service, as JSON. */
export function keyParts(mesh: MeshIR, cache: CompileCache): { meshLevel: string; byName: Map<string, string> } {
  const { services, ...level } = mesh;
  const json = (s: ServiceIR) => {
    let text = cache.serviceJson.get(s);
    if (text === undefined) cache.serviceJson.set(s, (text = JSON.stringify(s)));
    return text;
  };
  return { meshLevel: JSON.stringify(level), byName: new Map(services.map((s) => [s.name, json(s)])) };
}

function sameKey(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** The cached value for `name` when its key is unchanged; otherwise builds, stores and returns it. */
export function cachedOutput<T>(cache: CompileCache | undefined, name: string, key: readonly string[], build: () => T): T {
  const hit = cache?.outputs.get(name);
  if (hit && sameKey(hit.key, key)) return hit.value as T;
  const value = build();
  cache?.outputs.set(name, { key, value });
  return value;
}

/** Drops sources no longer read (a deleted file). */
export function forgetOtherSources(cache: CompileCache | undefined, sources: readonly { readonly name: string }[]): void {
  if (!cache) return;
  const names = new Set(sources.map((s) => s.name));
  for (const name of cache.sources.keys()) if (!names.has(name)) cache.sources.delete(name);
}

/** Drops the outputs (in any mode) of services that are gone. */
export function forgetOtherOutputs(cache: CompileCache, services: readonly string[]): void {
  const keep = new Set(services);
  for (const name of cache.outputs.keys()) if (!keep.has(name.slice(name.indexOf('/') + 1))) cache.outputs.delete(name);
}
