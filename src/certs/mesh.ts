/**
 * What the certificate commands need from a mesh: its trust domain and service names, read
 * with the compiler so they agree with the sidecars it emits.
 */
import { compile, type CompileInput } from '../compile.js';
import { type Diagnostic } from '../diagnostics/diagnostic.js';
import { assembleModel, type TypedDocument } from '../dsl/model.js';
import { parseSource } from '../dsl/parse.js';
import { checkSchema } from '../dsl/check-schema.js';
import type { Source } from '../dsl/source.js';
import { resolveMesh } from '../ir/resolve.js';
import type { MeshIR } from '../ir/types.js';
import { validateModel } from '../validate/validate.js';
import { RULES } from '../validate/rules/index.js';

export interface MeshIdentity {
  readonly trustDomain: string;
  /** Sorted by name, as in the IR. */
  readonly services: readonly string[];
}

export interface MeshLoad {
  /** Absent when the mesh has errors. */
  readonly identity?: MeshIdentity;
  /** Errors only: the compiler's warnings are about routing, not certificates. */
  readonly diagnostics: readonly Diagnostic[];
  /** For code frames when printing the diagnostics. */
  readonly sources: readonly Source[];
}

/**
 * Certificates come before mTLS: tolerated here so they can be issued while the compiler still
 * refuses `mtls: strict` (remove with the rule).
 */
const MTLS_NOT_AVAILABLE = 'mtls-not-available';

export function loadMeshIdentity(input: CompileInput): MeshLoad {
  const result = compile(input);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const onlyMtlsGate = errors.length > 0 && errors.every((d) => d.name === MTLS_NOT_AVAILABLE);
  const mesh = result.mesh ?? (onlyMtlsGate ? meshWithoutMtlsGate(result.sources) : undefined);
  if (!mesh) return { diagnostics: errors, sources: result.sources };
  return {
    identity: { trustDomain: mesh.trustDomain, services: mesh.services.map((s) => s.name) },
    diagnostics: [],
    sources: result.sources,
  };
}

/**
 * The front half of the compiler with every rule but `mtls-not-available`. Called only when
 * that rule was the one error, so the stages cannot fail here; if they do, the caller reports
 * the compiler's diagnostics.
 */
function meshWithoutMtlsGate(sources: readonly Source[]): MeshIR | undefined {
  const documents: TypedDocument[] = [];
  for (const source of sources) {
    for (const parsed of parseSource(source).value) {
      const checked = checkSchema(parsed);
      if (checked.value) documents.push({ parsed, value: checked.value });
    }
  }
  const model = assembleModel(documents);
  const rules = RULES.filter((rule) => rule.id !== MTLS_NOT_AVAILABLE);
  if (validateModel(model, rules).some((d) => d.severity === 'error')) return undefined;
  return resolveMesh(model);
}
