/**
 * `meshc compile`: files written atomically, a summary, exit codes, and no half-written output.
 * Run in process, except where the executable itself is the point (a compile writing files,
 * a usage error's exit code, a hang on /proc, another uid).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { meshc, meshcInProcess } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'meshc-cli-'));
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

const BROKEN_MESH = `apiVersion: meshc/v1
mesh: { name: shop, trustDomain: shop.example, mtls: off }
services:
  web:
    protocol: http
    port: 8080
    versions: { v1: { endpoints: [10.0.0.1] } }
    calls: [ghost]
`;

test('the executable: compile writes one bootstrap per service and prints a summary', () => {
  const out = join(tempDir(), 'shop');
  const r = meshc(['compile', 'examples/shop', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^compiled 3 sidecars from 1 file: 12 files, [\d,]+ bytes in /);
  assert.deepEqual(Object.keys(snapshot(out)).sort(), [
    '.meshc-output',
    '_mesh/grafana-dashboard.json',
    '_mesh/prometheus.yml',
    '_mesh/rules.yml',
    ...['cart', 'catalog', 'frontend'].flatMap((s) => [`${s}/bootstrap.yaml`, `${s}/sds/identity.yaml`, `${s}/sds/trust-bundle.yaml`]),
  ]);
});

test('--format json writes bootstrap.json files with the same content as YAML', async () => {
  const dir = tempDir();
  assert.equal((await meshcInProcess(['compile', 'examples/shop', '--out', join(dir, 'y')])).status, 0);
  assert.equal((await meshcInProcess(['compile', 'examples/shop', '--out', join(dir, 'j'), '--format', 'json'])).status, 0);
  const json = JSON.parse(readFileSync(join(dir, 'j', 'catalog', 'bootstrap.json'), 'utf8')) as unknown;
  const yamlText = readFileSync(join(dir, 'y', 'catalog', 'bootstrap.yaml'), 'utf8');
  assert.ok(yamlText.includes('outbound|catalog') === false, 'catalog calls nothing, so it has no outbound listener');
  assert.equal(typeof json, 'object');
  assert.ok(!existsSync(join(dir, 'j', 'catalog', 'bootstrap.yaml')));
});

test('a mesh with errors writes nothing and leaves the previous output untouched (exit 1)', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  assert.equal((await meshcInProcess(['compile', 'examples/shop', '--out', out])).status, 0);
  const before = snapshot(out);
  writeFileSync(join(dir, 'broken.yaml'), BROKEN_MESH);
  const r = await meshcInProcess(['compile', join(dir, 'broken.yaml'), '--out', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken\.yaml:8:13: error MC2101 unknown-service/);
  assert.equal(r.stdout, '');
  assert.deepEqual(snapshot(out), before);
});

test('recompiling replaces the output as a whole: files of removed services disappear', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  assert.equal((await meshcInProcess(['compile', 'examples/shop', '--out', out])).status, 0);
  assert.equal((await meshcInProcess(['compile', 'golden/minimal-single-service/input', '--out', out])).status, 0);
  assert.deepEqual(Object.keys(snapshot(out)).sort(), ['.meshc-output', '_mesh/grafana-dashboard.json', '_mesh/prometheus.yml', '_mesh/rules.yml', 'hello/bootstrap.yaml']);
});

test('a non-empty directory meshc did not write is never replaced (MC5004, exit 1)', async () => {
  const out = tempDir();
  mkdirSync(join(out, 'notes'));
  writeFileSync(join(out, 'notes', 'keep.txt'), 'mine');
  const r = await meshcInProcess(['compile', 'examples/shop', '--out', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /error MC5004 output-not-owned/);
  assert.deepEqual(snapshot(out), { 'notes/keep.txt': 'mine' });
});

test('usage errors exit 2', async () => {
  assert.equal((await meshcInProcess(['compile', 'examples/shop'])).status, 2, 'missing --out');
  assert.equal((await meshcInProcess(['compile', 'examples/shop', '--out', tempDir(), '--format', 'xml'])).status, 2);
  const unknown = await meshcInProcess(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, "error: unknown command 'frobnicate'\n(run with --help for usage)\n");
  assert.equal(meshc(['frobnicate']).status, 2, 'the executable');
});

test('a missing input is an error with a code, not a crash', async () => {
  const r = await meshcInProcess(['compile', 'no/such/dir', '--out', join(tempDir(), 'o')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /error MC5001 input-not-found/);
});

test('--help shows examples', async () => {
  const r = await meshcInProcess(['compile', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Examples:\n\s+\$ meshc compile examples\/shop --out out\/shop/);
  assert.ok(existsSync(repoPath('examples', 'shop')));
});

test('an empty mesh file is pointed at as file:1:1 (MC5006 empty-input)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'mesh.yaml'), '');
  const r = await meshcInProcess(['compile', 'mesh.yaml', '--out', 'out'], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^mesh\.yaml:1:1: error MC5006 empty-input: file "mesh\.yaml" is empty$/m);
});

test('--out under a regular file is a clear write-failed diagnostic, exit 1 (not an internal error)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'somefile'), 'x');
  const r = await meshcInProcess(['compile', repoPath('examples/shop'), '--out', join(dir, 'somefile', 'x')], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error MC5005 write-failed: cannot write ".*somefile\/x": ".*somefile" is a file, not a directory$/m);
});

test('--out naming a regular file says it is a file, not that it is a foreign directory', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'somefile'), 'x');
  const r = await meshcInProcess(['compile', repoPath('examples/shop'), '--out', join(dir, 'somefile')], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error MC5005 write-failed: cannot write ".*somefile": it is a file, not a directory$/m);
  assert.equal(readFileSync(join(dir, 'somefile'), 'utf8'), 'x');
});

test('--out on a filesystem that refuses new directories (/proc/x) fails fast with MC5005', { skip: !existsSync('/proc/self') }, () => {
  const r = spawnSync(process.execPath, [repoPath('dist/src/cli/main.js'), 'compile', repoPath('examples/shop'), '--out', '/proc/x'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.equal(r.signal, null, 'meshc hung on --out /proc/x');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error MC5005 write-failed: cannot write "\/proc\/x": cannot create "\/proc\/\.meshc-tmp-x-\d+": ENOENT/m);
});

test('--out that is a symlink to a directory is followed: the output lands in the target, the link stays', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'real'));
  symlinkSync('real', join(dir, 'link'));
  for (let i = 0; i < 2; i++) {
    const r = await meshcInProcess(['compile', repoPath('examples/shop'), '--out', join(dir, 'link')], dir);
    assert.equal(r.status, 0, r.stderr);
  }
  assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
  assert.ok(existsSync(join(dir, 'real', 'cart', 'bootstrap.yaml')));
  assert.ok(existsSync(join(dir, 'real', '.meshc-output')));
});

test('compile . --out out twice: the second run skips its own output (marker dir) and writes identical bytes', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'mesh.yaml'), readFileSync(repoPath('examples/shop/mesh.yaml')));
  const first = await meshcInProcess(['compile', '.', '--out', 'out'], dir);
  assert.equal(first.status, 0, first.stderr);
  const before = snapshot(join(dir, 'out'));
  const second = await meshcInProcess(['compile', '.', '--out', 'out'], dir);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /from 1 file:/);
  assert.deepEqual(snapshot(join(dir, 'out')), before);
});

test('a binary file in the input tree is described (MC5007 binary-input at file:1:1), never dumped', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'mesh.yaml'), readFileSync(repoPath('examples/shop/mesh.yaml')));
  writeFileSync(join(dir, 'junk.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0x00, 0xff, 0xfe, ...Array<number>(2000).fill(0x41)]));
  const r = await meshcInProcess(['compile', '.', '--out', 'out'], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^junk\.yaml:1:1: error MC5007 binary-input: file "junk\.yaml" is not UTF-8 text \(2006 bytes, NUL byte at offset 3\)$/m);
  assert.ok(r.stderr.length < 600, r.stderr);
});

test('an unreadable subdirectory is a read-failed diagnostic with exit 1 (run as uid 65534: root reads everything)', (t) => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return t.skip('needs root to switch to an unprivileged uid');
  const dir = tempDir();
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'mesh.yaml'), readFileSync(repoPath('examples/shop/mesh.yaml')));
  chmodSync(join(dir, 'mesh.yaml'), 0o644);
  mkdirSync(join(dir, 'locked'), { mode: 0o000 });
  chmodSync(join(dir, 'locked'), 0o000);
  const r = spawnSync(
    process.execPath,
    ['-e', `process.setuid(65534); process.argv.splice(1, 0, 'meshc'); await import(${JSON.stringify(repoPath('dist/src/cli/main.js'))});`, '--input-type=module', 'validate', '.'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /error MC5003 read-failed: cannot read directory "locked": EACCES/);
});

test('bare-CR line breaks count as lines: the error on line 5 is reported at 5:15', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'mesh.yaml'), 'apiVersion: meshc/v1\rmesh: { name: shop, trustDomain: shop.example, mtls: off }\rservices:\r  web:\r    protocol: htttp\r');
  const r = await meshcInProcess(['compile', 'mesh.yaml', '--out', 'out'], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^mesh\.yaml:5:15: error /m);
});
