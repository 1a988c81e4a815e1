/**
 * `meshc serve`: compiles the mesh in ads mode, serves every service's snapshot over ADS, and
 * recompiles when a source changes. An invalid mesh never replaces the last good snapshot: its
 * diagnostics are logged and served on the admin port, and the previous configuration stays.
 */
import { status } from '@grpc/grpc-js';
import type { Server as HttpServer } from 'node:http';
import { compile, type CompileInput } from '../compile.js';
import { createCompileCache } from '../compile-cache.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatSpan } from '../diagnostics/render.js';
import { startAdmin } from './admin.js';
import { Hub } from './hub.js';
import { jsonLogger, type Logger } from './log.js';
import { ServeMetrics } from './metrics.js';
import { startXdsServer, stopServer, type TlsFiles } from './server.js';
import { buildSnapshots, setVersion, type EncodeCache, type SnapshotCache } from './snapshot.js';
import { watchPaths } from './watch.js';
import { applyEndpointFiles } from './endpoints/apply.js';
import { loadEndpointFiles, type EndpointFiles } from './endpoints/load.js';
import type { ServedConfig } from '../xds/ads.js';
import type { MeshIR } from '../ir/types.js';

export interface ServeOptions {
  /** Mesh files or directories, or the sources themselves (then nothing is watched). */
  readonly input: CompileInput;
  /** host:port of the ADS server (port 0: any free port). */
  readonly listen: string;
  readonly admin?: { readonly host: string; readonly port: number };
  /** Mutual TLS; absent means plaintext (the CLI allows that only on loopback, with --insecure). */
  readonly tls?: TlsFiles;
  readonly log?: Logger;
  /** Recompile when a source changes (default true for paths). */
  readonly watch?: boolean;
  readonly debounceMs?: number;
  /** A directory of endpoint files (outside the mesh paths), watched; see endpoints/schema.ts. */
  readonly endpoints?: string;
}

export interface LoadResult {
  /** No errors. An invalid mesh is not served; an endpoint file with errors keeps what it gave before. */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Services whose configuration changed, and was pushed to their streams. */
  readonly changed: readonly string[];
  /** From reading the sources to the new snapshots handed to the streams. */
  readonly ms: number;
}

export interface ServeHandle {
  readonly hub: Hub;
  readonly xdsPort: number;
  readonly adminPort: number | undefined;
  /** Compiles the sources now and, when valid, serves the result. */
  reload(): LoadResult;
  /** Reads the endpoint files now and serves their endpoints over the last valid compile. */
  reloadEndpoints(): LoadResult;
  stop(): Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 100;

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const log = options.log ?? jsonLogger();
  const hub = new Hub(log, new ServeMetrics());
  let cache: EncodeCache = new Map();
  // Sources, sidecars and snapshots an edit leaves unchanged are reused, not rebuilt.
  const compileCache = createCompileCache();
  const snapshotCache: SnapshotCache = new WeakMap();
  let last: LoadResult | undefined;
  /** The last valid compile, which endpoint files are applied over. */
  let compiled: { readonly served: ReadonlyMap<string, ServedConfig>; readonly mesh: MeshIR } | undefined;
  let endpointFiles: EndpointFiles = new Map();

  /** Runs a load; a meshc bug in it is logged, and the last good snapshot stays served. */
  const guard = (what: string, run: () => LoadResult) => (): LoadResult => {
    try {
      return run();
    } catch (error) {
      hub.metrics.compiles.inc({ result: 'internal-error' });
      log('error', `internal error while loading the ${what} (a bug in meshc): still serving the last good snapshot`, { error: String((error as Error).stack ?? error) });
      last = { ok: false, diagnostics: [], changed: [], ms: 0 };
      return last;
    }
  };

  const logDiagnostics = (diagnostics: readonly Diagnostic[]) => {
    for (const d of diagnostics) {
      log(d.severity === 'error' ? 'error' : 'warn', d.message, { code: d.code, name: d.name, at: d.location ? formatSpan(d.location) : null, hint: d.hint ?? null });
    }
  };

  /** Endpoint files, read against the compiled mesh: a file with problems keeps what it gave before. */
  const readEndpoints = (mesh: MeshIR): readonly Diagnostic[] => {
    if (options.endpoints === undefined) return [];
    const read = loadEndpointFiles(options.endpoints, mesh, endpointFiles);
    endpointFiles = read.files;
    logDiagnostics(read.diagnostics);
    return read.diagnostics;
  };

  /** `started`: when the load began; `compileMs`: what of it the compile took. */
  const publish = (diagnostics: readonly Diagnostic[], started: number, compileMs: number): LoadResult => {
    if (compiled === undefined) throw new Error('publish before a valid compile');
    const served = applyEndpointFiles(compiled.served, endpointFiles, compiled.mesh);
    const built = buildSnapshots(served, cache, snapshotCache);
    cache = built.cache;
    const meshVersion = setVersion([...built.snapshots.values()].map((s) => ({ name: s.service, version: s.version })));
    const changed = hub.setSnapshots(built.snapshots, compiled.mesh.trustDomain, meshVersion);
    const ms = performance.now() - started;
    log('info', 'snapshot loaded', { meshVersion, services: built.snapshots.size, changed, compileMs: Math.round(compileMs), reloadMs: Math.round(ms) });
    last = { ok: !hasErrors(diagnostics), diagnostics, changed, ms };
    return last;
  };

  const reload = guard('mesh', () => {
    const started = performance.now();
    const result = compile(options.input, { mode: 'ads', cache: compileCache, files: false });
    const ms = performance.now() - started;
    hub.metrics.compileSeconds.set(ms / 1000);
    logDiagnostics(result.diagnostics);
    if (hasErrors(result.diagnostics) || result.served === undefined || result.mesh === undefined) {
      hub.metrics.compiles.inc({ result: 'invalid' });
      log('error', hub.ready ? 'invalid mesh: still serving the last good snapshot' : 'invalid mesh: nothing to serve yet', { meshVersion: hub.meshVersion ?? null });
      last = { ok: false, diagnostics: result.diagnostics, changed: [], ms };
      return last;
    }
    hub.metrics.compiles.inc({ result: 'ok' });
    compiled = { served: result.served, mesh: result.mesh };
    return publish([...result.diagnostics, ...readEndpoints(result.mesh)], started, ms);
  });

  /** An endpoint file changed: only EDS can change, so nothing is recompiled. */
  const reloadEndpoints = guard('endpoint files', () => {
    if (compiled === undefined) return reload();
    const started = performance.now();
    return publish(readEndpoints(compiled.mesh), started, 0);
  });

  reload();
  const xds = await startXdsServer(hub, options.listen, options.tls);
  let admin: { server: HttpServer; port: number } | undefined;
  try {
    admin = options.admin ? await startAdmin({ hub, lastCompile: () => last }, options.admin) : undefined;
  } catch (error) {
    xds.server.forceShutdown();
    throw error;
  }
  const paths = typeof options.input === 'string' ? [options.input] : options.input.filter((i): i is string => typeof i === 'string');
  const watching = options.watch !== false;
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const unwatchMesh = watching && paths.length > 0 ? watchPaths(paths, reload, debounce) : () => undefined;
  const unwatchEndpoints = watching && options.endpoints !== undefined ? watchPaths([options.endpoints], reloadEndpoints, debounce) : () => undefined;
  log('info', 'serving', {
    xds: `${options.listen.replace(/:\d+$/, '')}:${xds.port}`,
    admin: admin ? `${options.admin?.host}:${admin.port}` : null,
    tls: options.tls !== undefined,
  });

  return {
    hub,
    xdsPort: xds.port,
    adminPort: admin?.port,
    reload,
    reloadEndpoints,
    async stop() {
      unwatchMesh();
      unwatchEndpoints();
      hub.closeAll(status.UNAVAILABLE, 'meshc serve is shutting down');
      await stopServer(xds.server);
      await new Promise<void>((resolve) => (admin ? admin.server.close(() => resolve()) : resolve()));
      admin?.server.closeAllConnections();
      log('info', 'stopped', {});
    },
  };
}
