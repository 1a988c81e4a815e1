/**
 * An exception escaping a command is a meshc bug: reported as such with exit code 70 (the
 * documented internal-error code), in process as well, never as an unhandled rejection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, runProgram } from '../../src/cli/program.js';
import { collectText, createContext } from '../../src/cli/io.js';

/** Runs `meshc explode` where explode's action is `action`; what it returned and wrote. */
async function explode(action: () => void | Promise<void>): Promise<{ code: number; stdout: string; stderr: string; unhandled: unknown[] }> {
  const stdout = collectText();
  const stderr = collectText();
  const cli = createContext({ stdout, stderr });
  const program = buildProgram(cli);
  program.command('explode').action(action);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const code = await runProgram(program, cli, ['node', 'meshc', 'explode']);
    // An unhandled rejection is reported after the microtask queue drains: give it a turn.
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: stdout.text(), stderr: stderr.text(), unhandled };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

const THROWING: readonly (readonly [string, () => void | Promise<void>])[] = [
  [
    'a synchronous throw',
    () => {
      throw new Error('boom');
    },
  ],
  [
    'a rejected promise',
    async () => {
      await Promise.resolve();
      throw new Error('boom');
    },
  ],
];

for (const [what, action] of THROWING) {
  test(`${what} in a command exits 70 with a bug report message, in process`, async () => {
    const r = await explode(action);
    assert.equal(r.code, 70);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^meshc: internal error \(this is a bug in meshc, please report it\):\nError: boom\n {4}at /);
    assert.deepEqual(r.unhandled, []);
    assert.equal(process.exitCode, undefined, 'the in-process run leaves process.exitCode alone');
  });
}
