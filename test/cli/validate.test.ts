/** `meshc validate`, `schema` and `explain`: output formats and exit codes (in process, but for one run of the executable). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { meshc, meshcInProcess } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const INVALID = 'test/cli/fixtures/unknown-service';

test('validate reports nothing and exits 0 on a valid mesh', async () => {
  const r = await meshcInProcess(['validate', 'examples/bookinfo']);
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, '4 services in 1 file: valid\n');
});

test('the executable: validate prints text diagnostics with a code frame and exits 1', () => {
  const r = meshc(['validate', INVALID]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /error MC2101 unknown-service: service "[a-z-]+" is not defined/);
  assert.match(r.stdout, /\n {2}> +\d+ \|/);
  assert.match(r.stdout, /\d+ errors?, \d+ warnings?\n$/);
});

test('--format json prints the diagnostics as a JSON array', async () => {
  const r = await meshcInProcess(['validate', INVALID, '--format', 'json']);
  assert.equal(r.status, 1);
  const diagnostics = JSON.parse(r.stdout) as { code: string; name: string; location: { line: number } }[];
  assert.ok(diagnostics.some((d) => d.code === 'MC2101' && d.name === 'unknown-service' && d.location.line > 0));
  assert.deepEqual(JSON.parse((await meshcInProcess(['validate', 'examples/shop', '--format', 'json'])).stdout), []);
});

test('--format github prints workflow annotations', async () => {
  const r = await meshcInProcess(['validate', INVALID, '--format', 'github']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^::error file=test\/cli\/fixtures\/unknown-service\/mesh.yaml,line=9,col=13,endLine=\d+,endColumn=\d+,title=MC2101 unknown-service::/m);
});

test('schema prints the committed JSON Schema', async () => {
  const r = await meshcInProcess(['schema']);
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(repoPath('schema', 'meshc.schema.json'), 'utf8')));
});

test('explain prints the documentation of a code or name; an unknown one is a usage error', async () => {
  const byCode = await meshcInProcess(['explain', 'MC2103']);
  assert.equal(byCode.status, 0);
  assert.match(byCode.stdout, /^MC2103 split-weights \(error\)\n/);
  assert.equal((await meshcInProcess(['explain', 'split-weights'])).stdout, byCode.stdout);
  const unknown = await meshcInProcess(['explain', 'MC2013']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /did you mean/);
});
