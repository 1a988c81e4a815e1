/** Files for the mesh as a whole (not one sidecar), written under `_mesh/`. */
import type { MeshIR } from '../ir/types.js';
import { POLICIES, type SidecarFile } from '../policies/index.js';

/** `_` cannot start a service name, so `_mesh/` never collides with a sidecar's directory. */
export const MESH_DIRECTORY = '_mesh';

export function buildMeshFiles(mesh: MeshIR): SidecarFile[] {
  return POLICIES.flatMap((p) => p.meshFiles?.(mesh) ?? []).map((f) => ({ ...f, path: `${MESH_DIRECTORY}/${f.path}` }));
}
