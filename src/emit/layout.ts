/** Where each output goes: `<service>/bootstrap.yaml` (or .json), one directory per sidecar. */
import type { Sidecar } from '../sidecar/sidecar.js';
import { createSerializer, type OutputFormat } from './serialize.js';

export interface OutputFile {
  /** Relative to the output directory, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

export function layoutSidecars(sidecars: readonly Sidecar[], format: OutputFormat): OutputFile[] {
  const serialize = createSerializer(format);
  return sidecars
    .map((s) => ({ path: `${s.service}/bootstrap.${format}`, content: serialize(s.bootstrap) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
