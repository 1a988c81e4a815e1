/**
 * Sources: the YAML texts that make up one mesh. The library takes them as paths (files or
 * directories, searched recursively) or as in-memory `{ name, text }` pairs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { diagnostic, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';

export interface Source {
  /** How the file is named in diagnostics, e.g. `examples/shop/mesh.yaml`. */
  readonly name: string;
  readonly text: string;
}

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * Reads every path: a file as itself, a directory as all its YAML files (sorted, recursive).
 * With stamps, a file unchanged since the last read is not read again (`now` is the wall clock
 * the stamps' settling is measured against; tests move it).
 */
export function readSources(paths: readonly string[], stamps?: FileStamps, now: number = Date.now()): StageResult<Source[]> {
  const diagnostics: Diagnostic[] = [];
  const names: string[] = [];
  for (const path of paths) {
    const kind = pathKind(path);
    if (kind === 'missing') {
      diagnostics.push(diagnostic('input-not-found', { message: `input "${path}" does not exist` }));
    } else if (kind === 'file') {
      names.push(path);
    } else {
      const found = listYamlFiles(path, diagnostics);
      if (found.length === 0) {
        diagnostics.push(
          diagnostic('no-input-files', {
            message: `directory "${path}" contains no .yaml or .yml files`,
          }),
        );
      }
      names.push(...found);
    }
  }
  const sources: Source[] = [];
  const read = new Set(names.map(toPosix));
  for (const name of read) {
    const file = readSourceFile(name, stamps, now);
    diagnostics.push(...file.diagnostics);
    if (file.source) sources.push(file.source);
  }
  if (stamps) for (const name of [...stamps.keys()]) if (!read.has(name)) stamps.delete(name);
  return { value: sources, diagnostics };
}

/**
 * What a long-running reader (`meshc serve`) knows of each file it read: the file's identity,
 * size and times, and what reading it gave. A file whose stamp is unchanged is not read again.
 */
export type FileStamps = Map<string, { readonly stamp: string; readonly read: ReadFile }>;

interface ReadFile {
  readonly source?: Source;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A file's times are kept only once they are a while in the past: file systems stamp times
 * from a coarse clock, so two writes of the same size close together can carry the same times
 * (git's "racy clean" files). A file written since then has a later time.
 */
const SETTLED_NS = 2_000_000_000n;

function readSourceFile(name: string, stamps: FileStamps | undefined, now: number): ReadFile {
  if (!stamps) return readFile(name);
  let stamp: string | undefined;
  try {
    const st = statSync(name, { bigint: true });
    const settled = BigInt(now) * 1_000_000n - SETTLED_NS;
    if (st.mtimeNs < settled && st.ctimeNs < settled) stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    // readFile reports why the file cannot be read.
  }
  const known = stamps.get(name);
  if (stamp !== undefined && known?.stamp === stamp) return known.read;
  const read = readFile(name);
  if (stamp !== undefined) stamps.set(name, { stamp, read });
  else stamps.delete(name);
  return read;
}

function readFile(name: string): ReadFile {
  try {
    const bytes = readFileSync(name);
    const binary = describeBinary(bytes);
    if (binary !== undefined) {
      return {
        diagnostics: [
          diagnostic('binary-input', {
            message: `file "${name}" is not UTF-8 text (${bytes.length} bytes, ${binary})`,
            location: { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 },
          }),
        ],
      };
    }
    const text = bytes.toString('utf8');
    const empty =
      text.trim() === ''
        ? [
            diagnostic('empty-input', {
              message: `file "${name}" is empty`,
              location: { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 },
            }),
          ]
        : [];
    return { source: { name, text }, diagnostics: empty };
  } catch (error) {
    return { diagnostics: [diagnostic('read-failed', { message: `cannot read "${name}": ${(error as Error).message}` })] };
  }
}

/** Why the bytes are not UTF-8 text, or undefined when they are. */
function describeBinary(bytes: Buffer): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `NUL byte at offset ${nul}`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return 'invalid UTF-8';
  }
}

function pathKind(path: string): 'file' | 'directory' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

// Written by src/emit/write.ts into every output directory; such a directory is never read as input,
// so `meshc compile . --out out` run twice does not read its own output.
const OUTPUT_MARKER = '.meshc-output';

function listYamlFiles(directory: string, diagnostics: Diagnostic[]): string[] {
  const out: string[] = [];
  if (existsSync(join(directory, OUTPUT_MARKER))) return out;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(
      diagnostic('read-failed', {
        message: `cannot read directory "${toPosix(directory)}": ${(error as Error).message}`,
        hint: 'make the directory readable, or pass the files you mean as inputs',
      }),
    );
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) out.push(...listYamlFiles(full, diagnostics));
    } else if (YAML_FILE.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
