/**
 * What the certificate commands need from a mesh: its trust domain and service names, read
 * with the compiler so they agree with the sidecars it emits.
 */
import { compile, type CompileInput } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../dsl/source.js';
import { PROMETHEUS_WORKLOAD } from '../ir/identity.js';
import type { MeshIR } from '../ir/types.js';

export interface MeshIdentity {
  readonly trustDomain: string;
  /**
   * Services sorted by name, as in the IR, then `_prometheus` when Prometheus needs a
   * certificate, then the control plane (`meshc serve`) when sidecars reach it over mutual TLS.
   */
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
    identity: { trustDomain: result.mesh.trustDomain, services: workloads(result.mesh) },
    diagnostics: [],
    sources: result.sources,
  };
}

/** Every service, Prometheus when the metrics ports demand its certificate, and the control plane. */
function workloads(mesh: MeshIR): string[] {
  const names = mesh.services.map((s) => s.name);
  const scraped = mesh.observability.metricsTls === 'mesh' && mesh.services.some((s) => s.mtls !== 'off');
  const controlPlane = mesh.controlPlane?.mtlsIdentity;
  return [...names, ...(scraped ? [PROMETHEUS_WORKLOAD] : []), ...(controlPlane !== undefined && !names.includes(controlPlane) ? [controlPlane] : [])];
}
