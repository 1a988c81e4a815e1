/**
 * `meshc serve` as a user runs it: refused without mutual TLS (plaintext only on loopback), a
 * clear error for missing certificates or a port in use, and a graceful stop on SIGTERM. The
 * argument checks run in process; starting a server needs the executable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meshc, meshcInProcess } from '../helpers/cli.js';
import { CLI } from '../helpers/paths.js';
import { MESH } from '../serve/helpers.js';

const meshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-serve-cli-'));
  writeFileSync(join(dir, 'mesh.yaml'), MESH());
  return dir;
};

test('without --certs or --insecure, serve refuses to start', async () => {
  const r = await meshcInProcess(['serve', meshDir(), '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error MC5009 serve-tls-required: meshc serve needs --certs <dir>/m);
});

test('--insecure is refused off loopback', async () => {
  const r = await meshcInProcess(['serve', meshDir(), '--listen', '0.0.0.0:18000', '--insecure']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /MC5009 serve-tls-required: --insecure serves plaintext, which is allowed only on loopback, not on 0\.0\.0\.0/);
});

test('missing certificate files are named', async () => {
  const certs = mkdtempSync(join(tmpdir(), 'meshc-serve-certs-'));
  const r = await meshcInProcess(['serve', meshDir(), '--listen', '127.0.0.1:0', '--certs', certs]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`MC5010 serve-certificate-missing: missing ${join(certs, 'meshc-serve', 'current', 'cert.pem')}`));
});

test('in process, serve checks its arguments but starts no server: it runs only as the meshc process', async () => {
  const listeners = () => process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
  const before = listeners();
  const r = await meshcInProcess(['serve', meshDir(), '--listen', '127.0.0.1:0', '--insecure']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'meshc: serve runs only as the meshc process (it stops on SIGTERM or SIGINT)\n');
  assert.equal(r.stdout, '');
  assert.equal(listeners(), before);
});

test('the executable: a port in use is a clear error, not a crash', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const r = meshc(['serve', meshDir(), '--listen', `127.0.0.1:${port}`, '--insecure']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /MC5011 serve-listen-failed: cannot serve: /);
  } finally {
    blocker.close();
  }
});

test('serve logs JSON lines, answers on its admin port, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', meshDir(), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--insecure'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const serving = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const line = stderr.split('\n').find((l) => l.includes('"msg":"serving"'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  const started = await serving;
  const admin = String(started['admin']);
  assert.equal((await fetch(`http://${admin}/readyz`)).status, 200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const lines = stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string; level: string });
  assert.deepEqual(
    lines.map((l) => l.msg),
    ['snapshot loaded', 'serving', 'stopped'],
  );
});
