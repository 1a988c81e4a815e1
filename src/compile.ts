/**
 * The pipeline, top to bottom. Each stage returns data and diagnostics; the pipeline stops
 * before the next stage once a stage reports an error, so later stages only see valid input.
 * User mistakes are diagnostics; an exception escaping from here is a meshc bug, and so is an
 * MC4xxx diagnostic: the output failed the Envoy checker, and nothing is returned to write.
 */
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { checkSchema } from './dsl/check-schema.js';
import { assembleModel, type TypedDocument } from './dsl/model.js';
import { parseSource } from './dsl/parse.js';
import { readSources, type Source } from './dsl/source.js';
import { resolveMesh } from './ir/resolve.js';
import { originSpan, type MeshIR } from './ir/types.js';
import { validateModel } from './validate/validate.js';
import { buildSidecars } from './sidecar/sidecar.js';
import { asXdsFiles } from './xds/files.js';
import { asAds, type ServedConfig } from './xds/ads.js';
import type { Sidecar } from './sidecar/sidecar.js';
import { layoutOutput, type OutputFile } from './emit/layout.js';
import { buildMeshFiles } from './sidecar/mesh-files.js';
import { checkProxyless, checkSidecars } from './check/sidecar-output.js';
import { buildProxyless, GRPC_BOOTSTRAP_FILE, type ProxylessService } from './proxyless/proxyless.js';
import type { OutputFormat } from './emit/serialize.js';

/** Paths (files or directories) to read, or the sources themselves. */
export type CompileInput = string | readonly string[] | readonly Source[];

export interface CompileOptions {
  /** Output encoding: `yaml` (default) or `json`. */
  readonly format?: OutputFormat;
  /**
   * `static` (default): everything in the bootstrap; `xds-files`: listeners, routes, clusters and
   * endpoints in files Envoy reloads; `ads`: all of them from `meshc serve` (mesh.controlPlane).
   */
  readonly mode?: OutputMode;
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
  const loaded = loadSources(input);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const sources = loaded.value;
  const done = (extra: Partial<CompileResult> = {}): CompileResult => ({
    files: [],
    sources,
    ...extra,
    diagnostics: sortDiagnostics(diagnostics),
  });
  if (hasErrors(diagnostics)) return done();

  const documents: TypedDocument[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    diagnostics.push(...parsed.diagnostics);
    for (const pd of parsed.value) {
      const checked = checkSchema(pd);
      diagnostics.push(...checked.diagnostics);
      if (checked.value) documents.push({ parsed: pd, value: checked.value });
    }
  }
  if (hasErrors(diagnostics)) return done();

  const model = assembleModel(documents);
  diagnostics.push(...validateModel(model));
  if (hasErrors(diagnostics)) return done();

  const mesh = resolveMesh(model);
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
  const { sidecars, served } = liveSidecars(mesh, buildSidecars(mesh), options.mode ?? 'static');
  const proxyless = buildProxyless(mesh);
  const serviceOrigins = new Map(mesh.services.map((s) => [s.name, s.origin]));
  const originOf = (service: string) => serviceOrigins.get(service) ?? mesh.origin;
  diagnostics.push(...checkSidecars(sidecars, originOf, served), ...checkProxyless(proxyless.map((p) => p.served), originOf));
  if (hasErrors(diagnostics)) return done({ mesh });
  const files = layoutOutput(sidecars, [...proxylessFiles(proxyless), ...buildMeshFiles(mesh)], options.format ?? 'yaml');
  const allServed = served && new Map([...served, ...proxyless.map((p): [string, ServedConfig] => [p.service, p.served])]);
  return done({ mesh, files, ...(allServed ? { served: allServed } : {}) });
}

/** A proxyless application's only file: the bootstrap its gRPC library reads. */
function proxylessFiles(proxyless: readonly ProxylessService[]): { path: string; content: unknown }[] {
  return proxyless.map((p) => ({ path: `${p.service}/${GRPC_BOOTSTRAP_FILE}`, content: p.bootstrap }));
}

/** The sidecars as the output mode delivers them: whole bootstraps, or bootstraps plus live resources. */
function liveSidecars(mesh: MeshIR, built: readonly Sidecar[], mode: OutputMode): { sidecars: readonly Sidecar[]; served?: Map<string, ServedConfig> } {
  if (mode === 'xds-files') return { sidecars: built.map((s) => asXdsFiles(s, mesh.sidecar.xdsDir)) };
  const controlPlane = mesh.controlPlane;
  if (mode !== 'ads' || controlPlane === undefined) return { sidecars: built };
  const ads = built.map((s) => asAds(s, controlPlane));
  return { sidecars: ads.map((a) => a.sidecar), served: new Map(ads.map((a) => [a.served.service, a.served])) };
}

function loadSources(input: CompileInput): { value: Source[]; diagnostics: readonly Diagnostic[] } {
  if (typeof input === 'string') return readSources([input]);
  if (input.every((i): i is string => typeof i === 'string')) return readSources(input as readonly string[]);
  return { value: [...(input as readonly Source[])], diagnostics: [] };
}
