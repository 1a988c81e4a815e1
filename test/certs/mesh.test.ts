/** Reading the mesh for certificates: through the compiler, whatever its mTLS mode. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMeshIdentity } from '../../src/certs/index.js';
import { SHOP, SHOP_MESH, SHOP_WITH_PROMETHEUS, shopMeshWithMtls, tempDir } from './helpers.js';

test('the shop example yields its trust domain and services', () => {
  const load = loadMeshIdentity([SHOP_MESH]);
  assert.deepEqual(load.diagnostics, []);
  assert.deepEqual(load.identity, SHOP_WITH_PROMETHEUS);
});

for (const mode of ['strict', 'permissive', 'off', 'absent'] as const) {
  test(`a mesh with mtls ${mode} yields the same identity`, (t) => {
    const load = loadMeshIdentity([shopMeshWithMtls(tempDir(t), mode)]);
    assert.deepEqual(load.diagnostics, []);
    // Prometheus needs a certificate only when some metrics port takes mTLS.
    assert.deepEqual(load.identity, mode === 'off' ? SHOP : SHOP_WITH_PROMETHEUS);
  });
}

test('any other error is reported and yields no identity', (t) => {
  const dir = tempDir(t);
  const strict = shopMeshWithMtls(dir, 'strict');
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'apiVersion: meshc/v1\nservices:\n  extra:\n    protocol: http\n    port: 80\n    versions:\n      v1: { endpoints: [10.0.0.9] }\n    calls: [nowhere]\n');
  const load = loadMeshIdentity([strict, broken]);
  assert.equal(load.identity, undefined);
  assert.ok(
    load.diagnostics.some((d) => d.name === 'unknown-service'),
    JSON.stringify(load.diagnostics.map((d) => d.name)),
  );
  assert.ok(load.diagnostics.every((d) => d.severity === 'error'));
  assert.deepEqual(
    loadMeshIdentity(['does/not/exist.yaml']).diagnostics.map((d) => d.name),
    ['input-not-found'],
  );
});
