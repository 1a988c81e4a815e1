/**
 * A second opinion on every file meshc emits, from an independent parser: buf (Go's protojson)
 * converts each bootstrap and SDS file of every example and golden case against Envoy's protos.
 * All files go into one DiscoveryResponse (each as an Any) so buf runs once; if it refuses,
 * each file is converted on its own to name the culprit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compile } from '../src/compile.js';
import { bufBinary, bufConvert } from './helpers/buf.js';
import { compileCase, goldenCases } from './helpers/golden.js';
import { exampleDirs } from './helpers/corpus.js';

const TYPE_URL = 'type.googleapis.com/';
const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';
const DISCOVERY = 'envoy.service.discovery.v3.DiscoveryResponse';

interface Emitted {
  readonly where: string;
  readonly type: string;
  readonly value: unknown;
}

function emittedFiles(): Emitted[] {
  const results = [
    ...exampleDirs().map((dir) => ({ name: dir, files: compile(dir).files })),
    ...goldenCases().map((name) => ({ name: `golden/${name}`, files: compileCase(name).result.files })),
  ];
  return results.flatMap(({ name, files }) =>
    files.flatMap((f) => {
      const type = /\/bootstrap\.(yaml|json)$/.test(f.path) ? BOOTSTRAP : /\/sds\/[^/]+\.yaml$/.test(f.path) ? DISCOVERY : undefined;
      if (!type) return [];
      const value: unknown = f.path.endsWith('.json') ? JSON.parse(f.content) : parse(f.content);
      return [{ where: `${name}: ${f.path}`, type, value }];
    }),
  );
}

const buf = bufBinary();

test('buf accepts every bootstrap and SDS file meshc emits for the examples and golden cases', { skip: 'reason' in buf ? buf.reason : false }, () => {
  const files = emittedFiles();
  assert.ok(files.length >= 150, `only ${files.length} files`);
  const all = { resources: files.map((f) => ({ '@type': TYPE_URL + f.type, ...(f.value as object) })) };
  const together = bufConvert(DISCOVERY, JSON.stringify(all));
  if (together.ok) return;
  const refused = files.flatMap((f) => {
    const verdict = bufConvert(f.type, JSON.stringify(f.value));
    return verdict.ok ? [] : [`${f.where}: ${verdict.error ?? ''}`];
  });
  assert.fail(`buf refused:\n${refused.join('\n') || together.error}`);
});

test('buf refuses what it should: the harness is not a rubber stamp', { skip: 'reason' in buf ? buf.reason : false }, () => {
  const [first] = emittedFiles();
  assert.ok(first);
  const broken = { ...(first.value as Record<string, unknown>), admin: { address: { socket_address: { port_value: 'admin' } } } };
  assert.equal(bufConvert(first.type, JSON.stringify(broken)).ok, false);
});
