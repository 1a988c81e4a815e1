/**
 * The pipeline, top to bottom (its front, up to the resolved mesh, is front.ts). Each stage
 * returns data and diagnostics; the pipeline stops
 * before the next stage once a stage reports an error, so later stages only see valid input.
 * User mistakes are diagnostics; an exception escaping from here is a meshc bug, and so is an
 * MC4xxx diagnostic: the output failed the Envoy checker, and nothing is returned to write.
 */
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Source } from './dsl/source.js';
import { originSpan, type MeshIR, type ServiceIR } from './ir/types.js';
import { resolveInput, type CompileInput } from './front.js';
import { sidecarBuilder } from './sidecar/sidecar.js';
import { asXdsFiles } from './xds/files.js';
import { asAds, type ServedConfig } from './xds/ads.js';
import type { Sidecar } from './sidecar/sidecar.js';
import { layoutOutput, type OutputFile } from './emit/layout.js';
import { buildMeshFiles } from './sidecar/mesh-files.js';
import { checkProxyless, checkSidecars } from './check/sidecar-output.js';
import { GRPC_BOOTSTRAP_FILE, proxylessBuilder, type ProxylessService } from './proxyless/proxyless.js';
import { cachedOutput, forgetOtherOutputs, keyParts, outputKey, type CompileCache } from './compile-cache.js';
import type { OutputFormat } from './emit/serialize.js';

export type { CompileInput } from './front.js';

export interface CompileOptions {
  /** Output encoding: `yaml` (default) or `json`. */
  readonly format?: OutputFormat;
  /**
   * `static` (default): everything in the bootstrap; `xds-files`: listeners, routes, clusters and
   * endpoints in files Envoy reloads; `ads`: all of them from `meshc serve` (mesh.controlPlane).
   */
  readonly mode?: OutputMode;
  /** Kept between compiles by a long-running caller (meshc serve), which then redoes only what changed. */
  readonly cache?: CompileCache;
  /** false: no files are laid out (meshc serve needs only `served`). Default true. */
  readonly files?: boolean;
}

export const OUTPUT_MODES = ['static', 'xds-files', 'ads'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export interface CompileResult {
  /** The files to write, relative to the output directory; empty when there are errors. */
  readonly files: readonly OutputFile[];
  /** Errors and warnings, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The sources read, for rendering code frames. */
  readonly sources: readonly Source[];
  /** The resolved mesh, when the input was valid. */
  readonly mesh?: MeshIR;
  /**
   * `ads` mode: what `meshc serve` sends each service, checked before it is returned: the
   * sidecars' resources with their bootstraps, and proxyless gRPC services' on their own.
   */
  readonly served?: ReadonlyMap<string, ServedConfig>;
}

export function compile(input: CompileInput, options: CompileOptions = {}): CompileResult {
  const front = resolveInput(input, options.cache);
  const diagnostics: Diagnostic[] = [...front.diagnostics];
  const sources = front.sources;
  const done = (extra: Partial<CompileResult> = {}): CompileResult => ({
    files: [],
    sources,
    ...extra,
    diagnostics: sortDiagnostics(diagnostics),
  });
  const mesh = front.mesh;
  if (!mesh) return done();
  if (options.mode === 'ads' && mesh.controlPlane === undefined) {
    diagnostics.push(
      diagnostic('missing-control-plane', {
        message: '--mode ads needs mesh.controlPlane: the address where sidecars reach meshc serve',
        location: originSpan(mesh.origin),
        hint: 'add `controlPlane: { address: meshc-serve.internal:18000 }` to the mesh block',
      }),
    );
    return done({ mesh });
  }
  const mode = options.mode ?? 'static';
  const built = buildOutputs(mesh, mode, options.cache);
  diagnostics.push(...built.diagnostics);
  if (hasErrors(diagnostics)) return done({ mesh });
  const files = options.files === false ? [] : layoutOutput(built.sidecars, [...proxylessFiles(built.proxyless), ...buildMeshFiles(mesh)], options.format ?? 'yaml');
  return done({ mesh, files, ...(built.served ? { served: built.served } : {}) });
}

/** One sidecar or proxyless service as the output mode delivers it, with the checker's verdict. */
type ServiceOutput =
  | { readonly kind: 'sidecar'; readonly sidecar: Sidecar; readonly served?: ServedConfig; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'proxyless'; readonly proxyless: ProxylessService; readonly diagnostics: readonly Diagnostic[] };

/**
 * Every service's output, built, made live and checked one service at a time; with a cache, a
 * service whose inputs are unchanged since the last compile is taken from it (compile-cache.ts).
 */
function buildOutputs(mesh: MeshIR, mode: OutputMode, cache: CompileCache | undefined) {
  const serviceOrigins = new Map(mesh.services.map((s) => [s.name, s.origin]));
  const originOf = (service: string) => serviceOrigins.get(service) ?? mesh.origin;
  const sidecarOf = sidecarBuilder(mesh);
  const proxylessOf = proxylessBuilder(mesh);
  const keys = cache ? keyParts(mesh, cache) : undefined;
  const build = (service: ServiceIR): ServiceOutput => {
    if (service.proxy === 'grpc') {
      const proxyless = proxylessOf(service);
      return { kind: 'proxyless', proxyless, diagnostics: checkProxyless([proxyless.served], originOf) };
    }
    const { sidecar, served } = liveSidecar(mesh, sidecarOf(service), mode);
    const diagnostics = checkSidecars([sidecar], originOf, served ? new Map([[service.name, served]]) : undefined);
    return { kind: 'sidecar', sidecar, ...(served ? { served } : {}), diagnostics };
  };
  const outputs = mesh.services.map((service) =>
    keys ? cachedOutput(cache, `${mode}/${service.name}`, outputKey(keys.meshLevel, service, keys.byName), () => build(service)) : build(service),
  );
  if (cache)
    forgetOtherOutputs(
      cache,
      mesh.services.map((s) => s.name),
    );
  const sidecars = outputs.flatMap((o) => (o.kind === 'sidecar' ? [o.sidecar] : []));
  const proxyless = outputs.flatMap((o) => (o.kind === 'proxyless' ? [o.proxyless] : []));
  const served =
    mode === 'ads'
      ? new Map(
          outputs.flatMap((o): [string, ServedConfig][] =>
            o.kind === 'proxyless' ? [[o.proxyless.service, o.proxyless.served]] : o.served ? [[o.sidecar.service, o.served]] : [],
          ),
        )
      : undefined;
  return { sidecars, proxyless, served, diagnostics: outputs.flatMap((o) => o.diagnostics) };
}

/** A sidecar as the output mode delivers it: a whole bootstrap, or a bootstrap plus live resources. */
function liveSidecar(mesh: MeshIR, built: Sidecar, mode: OutputMode): { sidecar: Sidecar; served?: ServedConfig } {
  if (mode === 'xds-files') return { sidecar: asXdsFiles(built, mesh.sidecar.xdsDir) };
  const controlPlane = mesh.controlPlane;
  if (mode !== 'ads' || controlPlane === undefined) return { sidecar: built };
  return asAds(built, controlPlane);
}

/** A proxyless application's only file: the bootstrap its gRPC library reads. */
function proxylessFiles(proxyless: readonly ProxylessService[]): { path: string; content: unknown }[] {
  return proxyless.map((p) => ({ path: `${p.service}/${GRPC_BOOTSTRAP_FILE}`, content: p.bootstrap }));
}
