/** Where each output goes: `<service>/bootstrap.yaml` (or .json) per sidecar, `_mesh/` for the mesh. */
import type { Sidecar } from '../sidecar/sidecar.js';
import type { SidecarFile } from '../envoy/files.js';
import { createSerializer, type OutputFormat } from './serialize.js';

export interface OutputFile {
  /** Relative to the output directory, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

/**
 * Each sidecar's bootstrap in the chosen format; every other file (file-based SDS secrets, the
 * mesh's monitoring files) in the format its name says, since readers (Envoy, Prometheus,
 * Grafana) pick their parser by extension and the bootstrap refers to the SDS files by name.
 */
export function layoutOutput(sidecars: readonly Sidecar[], otherFiles: readonly SidecarFile[], format: OutputFormat): OutputFile[] {
  const serializers = { yaml: createSerializer('yaml'), json: createSerializer('json') };
  const byName = (path: string, content: unknown) => serializers[formatOfName(path)](content);
  return [
    ...sidecars.flatMap((s) => [
      { path: `${s.service}/bootstrap.${format}`, content: serializers[format](s.bootstrap) },
      ...s.files.map((f) => ({ path: `${s.service}/${f.path}`, content: byName(f.path, f.content) })),
    ]),
    ...otherFiles.map((f) => ({ path: f.path, content: byName(f.path, f.content) })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The format of a file other than a bootstrap, by its name (see layoutOutput). */
export function formatOfName(path: string): OutputFormat {
  return path.endsWith('.json') ? 'json' : 'yaml';
}
