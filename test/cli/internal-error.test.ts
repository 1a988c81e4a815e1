/** An exception escaping a command is a meshc bug: reported as such, exit code 70. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, run } from '../../src/cli/program.js';

test('an unexpected exception exits 70 with a bug report message', async () => {
  const program = buildProgram();
  program.command('explode').action(() => {
    throw new Error('boom');
  });
  const writes: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (writes.push(chunk), true)) as typeof process.stderr.write;
  try {
    await run(['node', 'meshc', 'explode'], program);
  } finally {
    process.stderr.write = original;
  }
  assert.equal(process.exitCode, 70);
  process.exitCode = 0;
  assert.match(writes.join(''), /internal error \(this is a bug in meshc/);
  assert.match(writes.join(''), /Error: boom/);
});
