/**
 * `certs rotate` and `certs init --force` on a full disk, on a real file system that runs out of
 * space: a small tmpfs (needs root to mount; skipped, with the reason, otherwise). A write that
 * fails must leave the tree as it was: `current` on the previous generation, no partial
 * `gen-<n>` (whose key.pem would lie around, and which the next rotation's pruning would count
 * as a generation and keep instead of the real previous one), no half-replaced CA.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCerts, SHOP_MESH, type CliRun } from './helpers.js';

const FLAGS = ['--mesh', SHOP_MESH, '--out', 'certs'];
const MOUNT_SIZE = 64 * 1024;

function explain(run: CliRun): string {
  return `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

/** A fresh tmpfs of MOUNT_SIZE bytes, unmounted and removed when the test ends; undefined when it cannot be mounted. */
function smallDisk(t: TestContext): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-full-disk-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${MOUNT_SIZE},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.error !== undefined || mount.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const reason = `cannot mount a tmpfs (needs root): ${mount.error?.message ?? mount.stderr.trim()}`;
    console.log(`# skipped: ${reason}`);
    t.skip(reason);
    return undefined;
  }
  // One hook, so the unmount comes before the removal of the mount point.
  t.after(() => {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Fills the file system so that exactly `leaveBytes` remain available. */
function fill(dir: string, leaveBytes: number): void {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  assert.ok(free >= leaveBytes, `only ${free} bytes free`);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(free - leaveBytes));
  const after = statfsSync(dir);
  assert.equal(after.bavail * after.bsize, leaveBytes);
}

function ok(run: CliRun): CliRun {
  assert.equal(run.status, 0, explain(run));
  return run;
}

// No room at all (the generation directory stays empty), and room for key.pem only (the first
// file written), the case that left a private key in a generation nobody uses.
for (const pages of [0, 1]) {
  test(`rotate on a full disk (${pages} page left) fails with cert-write-failed and leaves no partial generation`, (t) => {
    const disk = smallDisk(t);
    if (disk === undefined) return;
    ok(runCerts(disk, ['init', ...FLAGS]));
    ok(runCerts(disk, ['issue', ...FLAGS, '--service', 'cart']));
    const cartDir = join(disk, 'certs', 'cart');
    const before = readFileSync(join(cartDir, 'gen-1', 'cert.pem'), 'utf8');
    fill(disk, pages * statfsSync(disk).bsize);

    const run = runCerts(disk, ['rotate', ...FLAGS, '--service', 'cart']);
    assert.equal(run.status, 1, explain(run));
    assert.match(run.stderr, /^error MC5507 cert-write-failed: cannot write the certificates of cart: ENOSPC: /m);
    assert.match(run.stderr, /^  hint: /m);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.equal(readlinkSync(join(cartDir, 'current')), 'gen-1');
    assert.deepEqual(readdirSync(cartDir).sort(), ['current', 'gen-1']);
    assert.equal(readFileSync(join(cartDir, 'current', 'cert.pem'), 'utf8'), before);

    // With room again, the next rotation is gen-2 and keeps gen-1, the generation readers may hold.
    rmSync(join(disk, 'filler'));
    assert.match(ok(runCerts(disk, ['rotate', ...FLAGS, '--service', 'cart'])).stdout, /^rotated cart: .*, gen-1 -> gen-2, /m);
    assert.deepEqual(readdirSync(cartDir).sort(), ['current', 'gen-1', 'gen-2']);
    assert.match(runCerts(disk, ['status', ...FLAGS]).stdout, /^cart +ok +.* gen-2 +/m);
  });
}

test('init --force on a full disk keeps the old CA and leaves no temporary file', (t) => {
  const disk = smallDisk(t);
  if (disk === undefined) return;
  ok(runCerts(disk, ['init', ...FLAGS]));
  const caDir = join(disk, 'certs', '_ca');
  const cert = readFileSync(join(caDir, 'ca.pem'), 'utf8');
  const key = readFileSync(join(caDir, 'ca.key.pem'), 'utf8');
  fill(disk, 0);

  const run = runCerts(disk, ['init', ...FLAGS, '--force']);
  assert.equal(run.status, 1, explain(run));
  assert.match(run.stderr, /^error MC5507 cert-write-failed: cannot write the mesh CA in certs\/_ca: ENOSPC: /m);
  assert.equal(readFileSync(join(caDir, 'ca.pem'), 'utf8'), cert);
  assert.equal(readFileSync(join(caDir, 'ca.key.pem'), 'utf8'), key);
  assert.deepEqual(readdirSync(caDir).sort(), ['ca.key.pem', 'ca.pem']);
});
