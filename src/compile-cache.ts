/**
 * What one compile keeps for the next, so that a long-running compiler (`meshc serve`) redoes
 * only what an edit touches: the parse and schema check of each source whose text is unchanged,
 * and each sidecar or proxyless service whose inputs are unchanged (built, made live and
 * checked). The mesh as a whole (model, rules, resolution) is still redone each time.
 *
 * A sidecar is a pure function of the mesh-level settings, its own service and the services it
 * calls (src/sidecar/sidecar.ts: the builders see nothing else), so those three, as JSON, are its
 * key. Origins are part of the IR, so a line that moves invalidates what it produced: diagnostics
 * and served origins stay exact. test/incremental.test.ts compares cached and full compiles.
 */
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { MeshDocument } from './dsl/schema.js';
import type { ParsedDocument } from './dsl/parse.js';
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
  readonly sources: Map<string, CachedSource>;
  /** By `<mode>/<service>`. */
  readonly outputs: Map<string, CachedOutput<unknown>>;
}

export function createCompileCache(): CompileCache {
  return { sources: new Map(), outputs: new Map() };
}

/** The inputs of one service's output, as strings to compare. */
export function outputKey(meshLevel: string, service: ServiceIR, byName: ReadonlyMap<string, string>): string[] {
  return [meshLevel, byName.get(service.name) ?? '', ...service.calls.map((c) => byName.get(c.service) ?? '')];
}

/** Every mesh-level setting (all of the IR but the services), and each service, as JSON. */
export function keyParts(mesh: MeshIR): { meshLevel: string; byName: Map<string, string> } {
  const { services, ...level } = mesh;
  return { meshLevel: JSON.stringify(level), byName: new Map(services.map((s) => [s.name, JSON.stringify(s)])) };
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
