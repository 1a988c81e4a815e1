/**
 * Where Envoy's API protos come from and which of them can be loaded. Used when the descriptor
 * is generated at build time, by the fallback loader, and by the buf test helper; never while
 * checking (the checker reads the prebuilt descriptor).
 *
 * The protos ship in `@grpc/grpc-js-xds/deps`: envoy-api, xds (xds + udpa), googleapis and
 * protoc-gen-validate. `google/protobuf/*.proto` come from protobufjs (the well-known types are
 * built into it; descriptor.proto is a file next to them).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProtoTree {
  /** Directories that import paths are relative to, searched in order. */
  readonly includeDirs: readonly string[];
  /** Import paths (`envoy/config/cluster/v3/cluster.proto`) of every loadable file, sorted. */
  readonly files: readonly string[];
  /** Root files left out: v2 API leftovers, and files importing something not vendored (OpenCensus). */
  readonly skipped: readonly string[];
}

/** Well-known types protobufjs defines itself: they have no file on disk. */
const BUILT_IN = new Set(['any', 'duration', 'empty', 'field_mask', 'struct', 'timestamp', 'wrappers'].map((n) => `google/protobuf/${n}.proto`));

/** The folders under `deps/` whose protos are the roots: every message an Envoy config can name. */
const ROOT_FOLDERS = ['envoy-api/envoy', 'xds/xds', 'xds/udpa'] as const;

export function envoyProtoTree(): ProtoTree {
  const require = createRequire(import.meta.url);
  const deps = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
  const protobufjs = dirname(require.resolve('protobufjs/package.json'));
  const local = localProtoDir();
  const includeDirs = [join(deps, 'envoy-api'), join(deps, 'xds'), join(deps, 'googleapis'), join(deps, 'protoc-gen-validate'), ...(local ? [local] : []), protobufjs];
  const find = (importPath: string): string | undefined => findProto(includeDirs, importPath);
  const loadable = new Map<string, boolean>();
  const roots: string[] = [];
  for (const folder of ROOT_FOLDERS) {
    const base = join(deps, folder.split('/')[0] as string);
    for (const file of listProtos(join(deps, folder))) roots.push(file.slice(base.length + 1));
  }
  const skipped = roots.filter((file) => isV2(file) || !isLoadable(file, find, loadable)).sort();
  for (const file of skipped) if (isV2(file)) loadable.delete(file);
  const files = [...loadable].filter(([file, ok]) => ok && !BUILT_IN.has(file)).map(([file]) => file);
  return { includeDirs, files: files.sort(), skipped };
}

/** The absolute path of an import, or undefined when no include directory has it. */
export function findProto(includeDirs: readonly string[], importPath: string): string | undefined {
  for (const dir of includeDirs) {
    const candidate = join(dir, importPath);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Envoy no longer accepts v2 configuration (v2, v2alpha, … packages); the vendored tree keeps a
 * few such files, which must not make their types look valid.
 */
function isV2(importPath: string): boolean {
  return importPath.split('/').some((segment) => /^v2(?:alpha\d*|beta\d*)?$/.test(segment));
}

export function isBuiltInProto(importPath: string): boolean {
  return BUILT_IN.has(importPath);
}

/** A file loads when it and everything it imports, transitively, exists. */
function isLoadable(importPath: string, find: (p: string) => string | undefined, memo: Map<string, boolean>): boolean {
  const known = memo.get(importPath);
  if (known !== undefined) return known;
  if (BUILT_IN.has(importPath)) return true;
  const file = find(importPath);
  if (!file) {
    memo.set(importPath, false);
    return false;
  }
  memo.set(importPath, true); // provisional, so that import cycles terminate
  let ok = true;
  for (const imported of importsOf(readFileSync(file, 'utf8'))) {
    if (!isLoadable(imported, find, memo)) ok = false;
  }
  memo.set(importPath, ok);
  return ok;
}

const IMPORT = /^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm;

function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] as string);
}

function listProtos(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listProtos(full));
    else if (entry.endsWith('.proto')) out.push(full);
  }
  return out;
}

/**
 * `src/check/protos`: protos meshc adds itself (see the stub's header). Found in a checkout;
 * an installed package has only the prebuilt descriptor, which already contains them.
 */
function localProtoDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'src', 'check', 'protos');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
