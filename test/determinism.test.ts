/**
 * Output is a pure function of the mesh: compiling twice, or with the files in another order,
 * gives the same bytes; and a sidecar's output depends on what it calls, not on mesh size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../src/compile.js';
import { readSources } from '../src/dsl/source.js';
import { generateMesh, serviceName } from './helpers/generate.js';
import { readCaseSources } from './helpers/golden.js';
import { repoPath } from './helpers/paths.js';

test('compiling the same mesh twice gives byte-identical files', () => {
  const first = compile(repoPath('examples', 'shop'));
  const second = compile(repoPath('examples', 'shop'));
  assert.ok(first.files.length > 0);
  assert.deepEqual(second.files, first.files);
});

test('the order of input files does not change the output', () => {
  const sources = readCaseSources(repoPath('golden', 'multi-file-mesh'));
  assert.ok(sources.length >= 3);
  const forward = compile(sources);
  const backward = compile([...sources].reverse());
  assert.equal(forward.diagnostics.length, 0);
  assert.deepEqual(backward.files, forward.files);
});

test('a sidecar calling 3 services is byte-identical in a 30-service and a 600-service mesh', () => {
  const small = compile([{ name: 'mesh.yaml', text: generateMesh({ services: 30, fanOut: 3 }) }]);
  const large = compile([{ name: 'mesh.yaml', text: generateMesh({ services: 600, fanOut: 3 }) }]);
  // Long synthetic call chains with retries on every hop are warned (retry-amplification), rightly.
  const errors = (r: typeof small) => r.diagnostics.filter((d) => d.severity === 'error' || d.name !== 'retry-amplification');
  assert.deepEqual(errors(small), []);
  assert.deepEqual(errors(large), []);
  // svc-00001 calls svc-00002..svc-00004 in both meshes; its own config must not notice the rest.
  const path = `${serviceName(1)}/bootstrap.yaml`;
  const inSmall = small.files.find((f) => f.path === path);
  const inLarge = large.files.find((f) => f.path === path);
  assert.ok(inSmall && inLarge);
  assert.equal(inLarge.content, inSmall.content);
  assert.equal(large.files.filter((f) => f.path.endsWith('/bootstrap.yaml')).length, 600);
});

test('examples read from disk and from memory compile alike', () => {
  const fromDisk = compile(repoPath('examples', 'bookinfo'));
  const fromMemory = compile(readSources([repoPath('examples', 'bookinfo')]).value);
  assert.deepEqual(fromMemory.files, fromDisk.files);
});
