/**
 * The file stamps a long-running compiler keeps (CompileCache.files): a file whose identity,
 * size and times are unchanged is not read again, and any write is seen, including one that
 * keeps the size, a file replaced by a rename, and a file written so recently that its times
 * could be shared with the next write (such a file is read every time until it settles).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources, type FileStamps } from '../../src/dsl/source.js';

/** A clock far enough ahead that every file on disk counts as settled. */
const LATER = (): number => Date.now() + 60_000;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'meshc-stamps-'));
}

test('an unchanged settled file is not read again: the same source object comes back', (t) => {
  const dir = folder();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
  const stamps: FileStamps = new Map();
  const first = readSources([dir], stamps, LATER()).value;
  const second = readSources([dir], stamps, LATER()).value;
  assert.equal(first.length, 1);
  assert.equal(second[0], first[0]);
});

test('a write of the same size is seen (its modification time moves)', (t) => {
  const dir = folder();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.yaml');
  writeFileSync(file, 'a: 1\n');
  utimesSync(file, 1_000_000, 1_000_000);
  const stamps: FileStamps = new Map();
  readSources([dir], stamps, LATER());
  writeFileSync(file, 'a: 2\n');
  assert.equal(readSources([dir], stamps, LATER()).value[0]?.text, 'a: 2\n');
});

test('a file replaced by a rename is seen even with the same size and times', (t) => {
  const dir = folder();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.yaml');
  writeFileSync(file, 'a: 1\n');
  utimesSync(file, 1_000_000, 1_000_000);
  const stamps: FileStamps = new Map();
  readSources([dir], stamps, LATER());
  writeFileSync(join(dir, 'next'), 'a: 2\n');
  utimesSync(join(dir, 'next'), 1_000_000, 1_000_000);
  renameSync(join(dir, 'next'), file);
  assert.equal(readSources([dir], stamps, LATER()).value[0]?.text, 'a: 2\n');
});

test('a file written just now is read each time and not stamped until it settles', (t) => {
  const dir = folder();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
  const stamps: FileStamps = new Map();
  const now = Date.now();
  const first = readSources([dir], stamps, now).value;
  const second = readSources([dir], stamps, now).value;
  assert.notEqual(second[0], first[0]);
  assert.equal(stamps.size, 0);
});

test('diagnostics of an unchanged file come back with it, and a deleted file is forgotten', (t) => {
  const dir = folder();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'empty.yaml'), '\n');
  writeFileSync(join(dir, 'b.yaml'), 'b: 1\n');
  const stamps: FileStamps = new Map();
  const first = readSources([dir], stamps, LATER());
  const again = readSources([dir], stamps, LATER());
  assert.deepEqual(
    again.diagnostics.map((d) => d.code),
    ['MC5006'],
  );
  assert.equal(again.diagnostics[0], first.diagnostics[0]);
  rmSync(join(dir, 'b.yaml'));
  readSources([dir], stamps, LATER());
  assert.deepEqual(
    [...stamps.keys()].map((name) => name.slice(name.lastIndexOf('/') + 1)),
    ['empty.yaml'],
  );
});
