/** Where each output goes: `<service>/bootstrap.yaml` (or .json) per sidecar, `_mesh/` for the mesh. */
import type { Sidecar } from '../sidecar/sidecar.js';
import type { SidecarFile } from '../policies/index.js';
import { createSerializer, type OutputFormat } from './serialize.js';

export interface OutputFile {
  /** Relative to the output directory, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

/**
 * Each sidecar's bootstrap in the chosen format, and the files it reads next to it (file-based
 * SDS secrets) always in YAML: Envoy picks their parser by file extension, and the bootstrap
 * refers to them by a fixed name.
 */
export function layoutOutput(sidecars: readonly Sidecar[], meshFiles: readonly SidecarFile[], format: OutputFormat): OutputFile[] {
  const serialize = createSerializer(format);
  const yaml = format === 'yaml' ? serialize : createSerializer('yaml');
  return [
    ...sidecars.flatMap((s) => [
      { path: `${s.service}/bootstrap.${format}`, content: serialize(s.bootstrap) },
      ...s.files.map((f) => ({ path: `${s.service}/${f.path}`, content: yaml(f.content) })),
    ]),
    ...meshFiles.map((f) => ({ path: f.path, content: yaml(f.content) })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
