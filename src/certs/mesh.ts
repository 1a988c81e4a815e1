/**
 * What the certificate commands need from a mesh: its trust domain and service names, read
 * with the compiler so they agree with the sidecars it emits.
 */
import { compile, type CompileInput } from '../compile.js';
import { type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../dsl/source.js';

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

export function loadMeshIdentity(input: CompileInput): MeshLoad {
  const result = compile(input);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.mesh) return { diagnostics: errors, sources: result.sources };
  return {
    identity: { trustDomain: result.mesh.trustDomain, services: result.mesh.services.map((s) => s.name) },
    diagnostics: [],
    sources: result.sources,
  };
}
