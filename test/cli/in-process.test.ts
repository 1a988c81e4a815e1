/**
 * runCli in one process, run after run: each run starts from nothing the previous one left
 * (exit code, flags, output), and none changes the process (exit code, listeners, directory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { collectText } from '../../src/cli/io.js';
import { meshcInProcess } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const INVALID = 'test/cli/fixtures/unknown-service';

/** Listeners meshc could leave on the process (main.ts adds some, runCli must not). */
function processListeners(): Record<string, number> {
  const events = ['SIGTERM', 'SIGINT', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection'] as const;
  return {
    ...Object.fromEntries(events.map((e) => [e, process.listenerCount(e)])),
    'stdout error': process.stdout.listenerCount('error'),
    'stderr error': process.stderr.listenerCount('error'),
  };
}

test('a run is not affected by the one before it', async () => {
  const failed = await meshcInProcess(['validate', INVALID, '--format', 'json']);
  assert.equal(failed.status, 1);
  const valid = await meshcInProcess(['validate', 'examples/bookinfo']);
  assert.deepEqual(valid, { status: 0, stdout: '4 services in 1 file: valid\n', stderr: '' }, 'text again, exit 0 again');
  const { version } = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string };
  assert.deepEqual(await meshcInProcess(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
});

test('runs leave the process as they found it: exit code, listeners, directory', async () => {
  const before = { listeners: processListeners(), cwd: process.cwd() };
  const elsewhere = mkdtempSync(join(tmpdir(), 'meshc-in-process-'));
  await meshcInProcess(['validate', INVALID]);
  await meshcInProcess(['compile', repoPath('examples/shop'), '--out', 'out'], elsewhere);
  await meshcInProcess(['explain', 'MC2013']);
  await meshcInProcess(['frobnicate']);
  assert.equal(process.exitCode, undefined);
  assert.deepEqual({ listeners: processListeners(), cwd: process.cwd() }, before);
});

test('output goes to the run\u2019s streams only: help and usage errors too', async () => {
  const stdout = collectText();
  const stderr = collectText();
  assert.equal(await runCli(['node', 'meshc', 'validate'], { stdout, stderr }), 2);
  assert.equal(stdout.text(), '');
  assert.equal(stderr.text(), "error: missing required argument 'paths'\n(run with --help for usage)\n");
  const help = collectText();
  assert.equal(await runCli(['node', 'meshc', '--help'], { stdout: help, stderr }), 0);
  assert.match(help.text(), /^Usage: meshc \[options\] \[command\]\n/);
  assert.match(help.text(), /Exit codes: 0 ok \(warnings allowed\), 1 errors found, 2 usage error, 70 internal error\.\n$/);
});
