/**
 * The front of the pipeline: sources read, parsed and schema-checked, the model assembled and
 * validated, the mesh resolved. It stops there, before any Envoy output is built or checked,
 * so a caller that needs only the mesh (meshc certs) does not pay for the rest; compile.ts
 * continues from here. It stops before the next stage once a stage reports an error.
 */
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { checkSchema } from './dsl/check-schema.js';
import { assembleModel, type TypedDocument } from './dsl/model.js';
import { parseSource } from './dsl/parse.js';
import { readSources, type Source } from './dsl/source.js';
import { resolveMesh } from './ir/resolve.js';
import type { MeshIR } from './ir/types.js';
import { validateModel } from './validate/validate.js';
import { forgetOtherSources, type CachedSource, type CompileCache } from './compile-cache.js';

/** Paths (files or directories) to read, or the sources themselves. */
export type CompileInput = string | readonly string[] | readonly Source[];

export interface ResolvedInput {
  /** The sources read, for rendering code frames. */
  readonly sources: readonly Source[];
  /** Errors and warnings in the order the stages reported them (unsorted). */
  readonly diagnostics: readonly Diagnostic[];
  /** The resolved mesh; absent when a stage reported an error. */
  readonly mesh?: MeshIR;
}

export function resolveInput(input: CompileInput, cache?: CompileCache): ResolvedInput {
  const loaded = loadSources(input, cache);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const sources = loaded.value;
  if (hasErrors(diagnostics)) return { sources, diagnostics };

  const documents: TypedDocument[] = [];
  for (const source of sources) {
    const checked = checkedSource(source, cache);
    diagnostics.push(...checked.diagnostics);
    for (const d of checked.documents) if (d.value) documents.push({ parsed: d.parsed, value: d.value });
  }
  forgetOtherSources(cache, sources);
  if (hasErrors(diagnostics)) return { sources, diagnostics };

  const model = assembleModel(documents);
  diagnostics.push(...validateModel(model, undefined, cache?.rules));
  if (hasErrors(diagnostics)) return { sources, diagnostics };

  return { sources, diagnostics, mesh: resolveMesh(model, cache?.services) };
}

/** A source's parse and schema check, taken from the cache when its text is unchanged. */
function checkedSource(source: Source, cache: CompileCache | undefined): CachedSource {
  const cached = cache?.sources.get(source.name);
  if (cached && cached.text === source.text) return cached;
  const parsed = parseSource(source);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const documents = parsed.value.map((pd) => {
    const checked = checkSchema(pd);
    diagnostics.push(...checked.diagnostics);
    return { parsed: pd, value: checked.value };
  });
  const entry: CachedSource = { text: source.text, documents, diagnostics };
  cache?.sources.set(source.name, entry);
  return entry;
}

function loadSources(input: CompileInput, cache: CompileCache | undefined): { value: Source[]; diagnostics: readonly Diagnostic[] } {
  if (typeof input === 'string') return readSources([input], cache?.files);
  if (input.every((i): i is string => typeof i === 'string')) return readSources(input as readonly string[], cache?.files);
  return { value: [...(input as readonly Source[])], diagnostics: [] };
}
