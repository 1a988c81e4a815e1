import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, MESH_HEADER } from '../../helpers/diagnose.js';

const SERVICES = `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: http
      port: 7070
      versions: { v1: { endpoints: [10.0.0.1] } }
`;

test('a mesh block in any document is enough', () => {
  assert.deepEqual(diagnose({ 'services.yaml': SERVICES, 'mesh.yaml': MESH_HEADER }), []);
});

test('no mesh block: reported at the start of the first document', () => {
  assert.deepEqual(diagnose(SERVICES), ['missing-mesh@mesh.yaml:1:1']);
});

test('no mesh block in several files: reported once, in the first file given', () => {
  assert.deepEqual(diagnose({ 'b.yaml': SERVICES, 'a.yaml': `apiVersion: meshc/v1` }), ['missing-mesh@b.yaml:1:1']);
});

test('the start of the document is its first node, after leading comments', () => {
  assert.deepEqual(
    diagnose(`
      # The shop's services; the mesh block went missing.
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions: { v1: { endpoints: [10.0.0.1] } }
    `),
    ['missing-mesh@mesh.yaml:2:1'],
  );
});

test('a mesh with neither a mesh block nor services gets both diagnostics', () => {
  assert.deepEqual(diagnose(`apiVersion: meshc/v1`), ['missing-mesh@mesh.yaml:1:1', 'empty-mesh@mesh.yaml:1:1']);
});

test('an empty file is reported, not an internal error', () => {
  assert.deepEqual(diagnose(''), ['missing-mesh@-']);
});
