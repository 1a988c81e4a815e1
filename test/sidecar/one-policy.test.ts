/**
 * Every policy builds a sidecar alone: for each policy of the registry and each golden mesh, the
 * sidecars built by that policy and no other must build (a policy that needs another's output
 * would be a hidden ordering dependency), and must differ from the sidecars no policy builds in
 * some golden case (a policy that does nothing alone would be dead or misregistered). The mesh
 * files of monitoring and the rate-limit service are mesh-wide, not in a sidecar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { compile } from '../../src/compile.js';
import { POLICIES } from '../../src/policies/index.js';
import { sidecarBuilder, type Sidecar } from '../../src/sidecar/sidecar.js';
import type { MeshIR } from '../../src/ir/types.js';
import { goldenCases, readCaseSources } from '../helpers/golden.js';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { join } from 'node:path';

/** Policies whose whole output is mesh-wide files (`_mesh/`), never a sidecar's. */
const MESH_FILES_ONLY = new Set(['monitoring']);

function goldenMeshes(): MeshIR[] {
  return goldenCases().flatMap((name) => {
    const mesh = compile(readCaseSources(join(GOLDEN_DIR, name)), { files: false }).mesh;
    return mesh ? [mesh] : [];
  });
}

function sidecars(mesh: MeshIR, policies: Parameters<typeof sidecarBuilder>[1]): Sidecar[] {
  const build = sidecarBuilder(mesh, policies);
  return mesh.services.filter((s) => s.proxy === 'envoy').map(build);
}

test('each policy alone builds every golden mesh\u2019s sidecars, and changes them in some case', () => {
  const meshes = goldenMeshes();
  assert.ok(meshes.length > 50, `golden meshes found: ${meshes.length}`);
  const bare = meshes.map((mesh) => sidecars(mesh, []));
  const inert: string[] = [];
  for (const policy of POLICIES) {
    let changed = false;
    meshes.forEach((mesh, i) => {
      const alone = sidecars(mesh, [policy]);
      if (!isDeepStrictEqual(alone, bare[i])) changed = true;
    });
    if (!changed && !MESH_FILES_ONLY.has(policy.id)) inert.push(policy.id);
  }
  assert.deepEqual(inert, []);
});
