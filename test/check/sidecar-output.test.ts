/**
 * compile checks its own output: a resource Envoy would refuse becomes an MC4xxx error at the
 * DSL node that produced it, and the CLI treats it as an internal error (exit 70).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSidecars } from '../../src/check/sidecar-output.js';
import { compileExitCode } from '../../src/cli/output.js';
import { buildSidecars } from '../../src/sidecar/sidecar.js';
import type { Cluster } from '../../src/envoy/types.js';
import { compileText } from '../helpers/diagnose.js';

const MESH = `
  apiVersion: meshc/v1
  mesh: { name: shop, trustDomain: shop.example }
  services:
    web:
      protocol: http
      port: 8080
      versions:
        v1: { endpoints: [10.0.0.1] }
      calls: [cart]
    cart:
      protocol: http
      port: 7070
      versions:
        v1: { endpoints: [10.0.0.2] }
`;

test('the output of a valid mesh passes the checker', () => {
  const { mesh } = compileText(MESH);
  assert.ok(mesh);
  assert.deepEqual(
    checkSidecars(buildSidecars(mesh), () => mesh.origin),
    [],
  );
});

test('a resource Envoy would refuse is reported at the DSL node behind it, as an internal error', () => {
  const { mesh } = compileText(MESH);
  assert.ok(mesh);
  const sidecars = buildSidecars(mesh);
  const web = sidecars.find((s) => s.service === 'web');
  const clusters = web?.bootstrap.static_resources.clusters as Cluster[] | undefined;
  const index = clusters?.findIndex((c) => c.name === 'outbound|cart|v1') ?? -1;
  assert.ok(clusters && index >= 0);
  clusters[index] = { ...(clusters[index] as Cluster), connect_timeout: '1 second' };
  const diagnostics = checkSidecars(sidecars, () => mesh.origin);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.name}@${d.location?.file}:${d.location?.line}:${d.location?.column}`),
    ['MC4005 envoy-invalid-duration@mesh.yaml:14:7'],
  );
  assert.match(diagnostics[0]?.message ?? '', /web\/bootstrap at static_resources\.clusters\[\d+\]\.connect_timeout/);
  assert.equal(compileExitCode(diagnostics), 70);
});
