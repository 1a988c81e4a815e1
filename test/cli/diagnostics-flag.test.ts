/**
 * One diagnostics flag and one rule for where diagnostics go, on every command: `--diagnostics
 * text|json|github`; on stdout where they are all the command prints (validate, check-envoy),
 * on stderr where the command prints or writes something else (compile, graph, certs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { meshcInProcess } from '../helpers/cli.js';
import { CLI } from '../helpers/paths.js';

const BROKEN_MESH = 'test/cli/fixtures/unknown-service';
const FLAG_HELP = /^ {2}--diagnostics <format> +diagnostics: text \| json \| github$/m;

test('every command that reports diagnostics has the same --diagnostics flag', async () => {
  for (const command of [['compile'], ['validate'], ['check-envoy'], ['graph'], ['certs', 'init'], ['certs', 'issue'], ['certs', 'rotate'], ['certs', 'status']]) {
    const help = await meshcInProcess([...command, '--help']);
    assert.equal(help.status, 0, command.join(' '));
    assert.match(help.stdout, FLAG_HELP, command.join(' '));
  }
});

test('validate and check-envoy print diagnostics on stdout, in the format asked for', async () => {
  const validate = await meshcInProcess(['validate', BROKEN_MESH, '--diagnostics', 'json']);
  assert.equal(validate.status, 1);
  assert.equal(validate.stderr, '');
  assert.equal((JSON.parse(validate.stdout) as { code: string }[])[0]?.code, 'MC2101');
  const dir = mkdtempSync(join(tmpdir(), 'meshc-diagnostics-'));
  writeFileSync(join(dir, 'envoy.yaml'), 'admin: { bogus: 1 }\n');
  const check = await meshcInProcess(['check-envoy', join(dir, 'envoy.yaml'), '--diagnostics', 'github']);
  assert.equal(check.status, 1);
  assert.equal(check.stderr, '');
  assert.match(check.stdout, /^::error file=.*envoy\.yaml,line=1,/m);
});

test('their former --format spelling still works', async () => {
  const validate = await meshcInProcess(['validate', BROKEN_MESH, '--format', 'json']);
  assert.equal((JSON.parse(validate.stdout) as { code: string }[])[0]?.code, 'MC2101');
});

test('compile and graph print diagnostics on stderr: stdout is for what they make', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'meshc-diagnostics-')), 'out');
  for (const args of [
    ['compile', BROKEN_MESH, '--out', out, '--diagnostics', 'json'],
    ['graph', BROKEN_MESH, '--diagnostics', 'json'],
  ]) {
    const r = await meshcInProcess(args);
    assert.equal(r.status, 1, args[0]);
    assert.equal(r.stdout, '', args[0]);
    assert.equal((JSON.parse(r.stderr) as { code: string }[])[0]?.code, 'MC2101', args[0]);
  }
});

test('a reader that closes the pipe early (meshc … | head -c 1) ends meshc quietly, with its own exit code', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'meshc-epipe-')), 'envoy.yaml');
  // Enough diagnostics to fill the pipe buffer after head has gone.
  writeFileSync(file, `admin: {${Array.from({ length: 3000 }, (_, i) => `bogus${i}: 1`).join(', ')}}\n`);
  const r = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} check-envoy ${JSON.stringify(file)} | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], {
    encoding: 'utf8',
  });
  assert.equal(r.stdout.trim(), 'exit=1');
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|internal error/);
});
