/**
 * Disk I/O of the certificate tree (layout in layout.ts). Everything else in src/certs works on
 * PEM strings; only this module touches files. Errors from the file system are thrown as the
 * Node errors they are; the operations turn them into diagnostics.
 */
import {
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  BUNDLE_FILE,
  CA_DIR_MODE,
  CERT_FILE,
  CURRENT_LINK,
  CURRENT_TMP_LINK,
  GENERATION_DIR_MODE,
  KEY_FILE,
  KEY_FILE_MODE,
  OUT_DIR_MODE,
  PUBLIC_FILE_MODE,
  SERVICE_DIR_MODE,
  caPaths,
  generationName,
  generationNumber,
  serviceDir,
} from './layout.js';
import type { PemPair } from './profile.js';

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

/** One file as found on disk: its text and permission bits, or why there is none. */
export type FileRead =
  | { readonly kind: 'present'; readonly path: string; readonly text: string; readonly mode: number }
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

export function readFileEntry(path: string): FileRead {
  try {
    const mode = statSync(path).mode & 0o777;
    return { kind: 'present', path, text: readFileSync(path, 'utf8'), mode };
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return { kind: 'missing', path };
    if (isErrnoException(error)) return { kind: 'unreadable', path, reason: error.message };
    throw error;
  }
}

export interface CaFiles {
  readonly cert: FileRead;
  readonly key: FileRead;
}

export function readCaFiles(out: string): CaFiles {
  const paths = caPaths(out);
  return { cert: readFileEntry(paths.cert), key: readFileEntry(paths.key) };
}

/** True when either CA file exists, so `init` must not silently replace it. */
export function caExists(out: string): boolean {
  const paths = caPaths(out);
  return pathExists(paths.cert) || pathExists(paths.key);
}

export interface LeafFiles {
  /** The directory `current` resolved to, when it exists. */
  readonly generation?: string;
  readonly cert: FileRead;
  readonly key: FileRead;
  readonly bundle: FileRead;
}

/**
 * The files of a service's current generation. `current` is resolved once and all three files
 * are read from that directory, so a rotation in between cannot pair a new cert with an old key.
 * Readers of the tree (Envoy included) must do the same: resolve once, then open.
 */
export function readCurrentFiles(out: string, service: string): LeafFiles {
  const link = join(serviceDir(out, service), CURRENT_LINK);
  const resolved = resolveCurrent(out, service);
  if (!('dir' in resolved)) {
    const absent = (name: string): FileRead => ({ ...resolved, path: join(link, name) });
    return { cert: absent(CERT_FILE), key: absent(KEY_FILE), bundle: absent(BUNDLE_FILE) };
  }
  return {
    ...(resolved.generation !== undefined ? { generation: resolved.generation } : {}),
    cert: readFileEntry(join(resolved.dir, CERT_FILE)),
    key: readFileEntry(join(resolved.dir, KEY_FILE)),
    bundle: readFileEntry(join(resolved.dir, BUNDLE_FILE)),
  };
}

type ResolvedCurrent =
  | {
      /** The directory to read, named under `out` as the user gave it. */
      readonly dir: string;
      /** The generation's name; absent when `current` is a plain directory, not a link. */
      readonly generation?: string;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** One readlink: the generation `current` names at this instant, or why there is none. */
function resolveCurrent(out: string, service: string): ResolvedCurrent {
  const dir = serviceDir(out, service);
  const link = join(dir, CURRENT_LINK);
  try {
    const target = resolve(dir, readlinkSync(link));
    return { dir: target, generation: basename(target) };
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return { kind: 'missing' };
    // Not a symlink: a directory put there by hand is still read, so status can judge it.
    if (isErrno(error, 'EINVAL')) return { dir: link };
    if (isErrnoException(error)) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
}

/** Generation directory names of a service, oldest first. */
export function listGenerations(out: string, service: string): string[] {
  const dir = serviceDir(out, service);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
  return names
    .filter((name) => generationNumber(name) !== undefined && lstatSync(join(dir, name)).isDirectory())
    .sort((a, b) => (generationNumber(a) ?? 0) - (generationNumber(b) ?? 0));
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

/**
 * Writes the CA, replacing an existing one. Both files are written under temporary names first
 * and only then renamed into place, so a write that fails (a full disk) leaves the old key and
 * certificate together, never a new key beside the old certificate, and no temporary file.
 */
export function writeCaFiles(out: string, ca: PemPair): void {
  const paths = caPaths(out);
  makeOutDir(out);
  mkdirIfMissing(paths.dir, CA_DIR_MODE);
  const keyTmp = tmpName(paths.key);
  const certTmp = tmpName(paths.cert);
  try {
    writeFreshFile(keyTmp, ca.keyPem, KEY_FILE_MODE);
    writeFreshFile(certTmp, ca.certPem, PUBLIC_FILE_MODE);
    renameSync(keyTmp, paths.key);
    renameSync(certTmp, paths.cert);
  } finally {
    // Renamed ones are gone already; what is left is a leftover of a failed write.
    rmSync(keyTmp, { force: true });
    rmSync(certTmp, { force: true });
  }
  syncDirectory(paths.dir);
}

/**
 * Writes a complete new generation (`gen-<n+1>`) and returns its name; `current` is untouched.
 * The directory is created exclusively, so two writers never mix files in one generation.
 */
export function writeGeneration(out: string, service: string, leaf: PemPair, bundlePem: string): string {
  const dir = serviceDir(out, service);
  makeOutDir(out);
  mkdirIfMissing(dir, SERVICE_DIR_MODE);
  const name = createNextGenerationDir(out, service);
  const genDir = join(dir, name);
  try {
    writeNewFile(join(genDir, KEY_FILE), leaf.keyPem, KEY_FILE_MODE);
    writeNewFile(join(genDir, CERT_FILE), leaf.certPem, PUBLIC_FILE_MODE);
    writeNewFile(join(genDir, BUNDLE_FILE), bundlePem, PUBLIC_FILE_MODE);
    syncDirectory(genDir);
  } catch (error) {
    // A partial generation (a full disk) would keep a key nobody uses, and pruning would count
    // it as one of the generations to keep, instead of the previous one readers may hold.
    removeGeneration(out, service, name);
    throw error;
  }
  return name;
}

/**
 * Removes a generation that never became `current` (its write or the switch failed). Best
 * effort: the error that made it useless is the one to report, not a second one from here.
 */
export function removeGeneration(out: string, service: string, generation: string): void {
  try {
    rmSync(join(serviceDir(out, service), generation), { recursive: true, force: true });
  } catch {
    // Left for the next rotation's pruning.
  }
}

const GENERATION_ATTEMPTS = 5;

function createNextGenerationDir(out: string, service: string): string {
  const dir = serviceDir(out, service);
  const existing = listGenerations(out, service);
  let next = (generationNumber(existing.at(-1) ?? '') ?? 0) + 1;
  for (let attempt = 1; ; attempt++, next++) {
    const name = generationName(next);
    try {
      makeDir(join(dir, name), GENERATION_DIR_MODE);
      return name;
    } catch (error) {
      // Another writer took this number between our listing and mkdir: take the next one.
      if (!isErrno(error, 'EEXIST') || attempt === GENERATION_ATTEMPTS) throw error;
    }
  }
}

/**
 * Points `current` at a generation: a new symlink `current.tmp` renamed over `current`.
 * rename(2) replaces the link atomically, so `current` always exists and always names one
 * complete generation. The target is relative, so the tree can be moved or mounted elsewhere.
 */
export function switchCurrent(out: string, service: string, generation: string): void {
  const dir = serviceDir(out, service);
  const tmp = join(dir, CURRENT_TMP_LINK);
  rmSync(tmp, { force: true }); // a leftover of an interrupted run
  symlinkSync(generation, tmp, 'dir');
  try {
    renameSync(tmp, join(dir, CURRENT_LINK));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/**
 * Removes all but the newest `keep` generations, never the one `current` names nor `previous`
 * (the one it named before the switch, which readers may still hold: a stray newer directory
 * left by a killed run must not push it out). Returns the removed names.
 */
export function pruneGenerations(out: string, service: string, keep: number, previous?: string): string[] {
  const dir = serviceDir(out, service);
  const current = currentGeneration(out, service);
  const stale = listGenerations(out, service)
    .slice(0, -keep)
    .filter((name) => name !== current && name !== previous);
  for (const name of stale) rmSync(join(dir, name), { recursive: true, force: true });
  return stale;
}

/** The generation `current` points at, or undefined when there is none. */
export function currentGeneration(out: string, service: string): string | undefined {
  const resolved = resolveCurrent(out, service);
  return 'generation' in resolved ? resolved.generation : undefined;
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

/**
 * Creates a file that must not exist yet, never more open than its final mode, and syncs it.
 * fchmod, as for directories, so a umask of 077 does not leave cert.pem readable by its owner only.
 */
function writeNewFile(path: string, text: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tmpName(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** writeNewFile after removing a leftover of an interrupted run at the same path. */
function writeFreshFile(path: string, text: string, mode: number): void {
  rmSync(path, { force: true });
  writeNewFile(path, text, mode);
}

/**
 * Creates a directory with exactly `mode`: mkdir's mode is masked by the umask (a umask of 002
 * would leave it group-writable, which guard.ts then refuses), so chmod sets it afterwards.
 * mkdir with the mode first means it is never more open than `mode`, not even until the chmod.
 */
function makeDir(path: string, mode: number): void {
  mkdirSync(path, { mode });
  chmodSync(path, mode);
}

/** An existing directory keeps its mode: guard.ts has already checked it. */
function mkdirIfMissing(path: string, mode: number): void {
  try {
    makeDir(path, mode);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  }
}

/** `--out` and any missing parents; only `--out` itself gets its mode set, the parents are the user's. */
function makeOutDir(out: string): void {
  if (mkdirSync(out, { recursive: true, mode: OUT_DIR_MODE }) !== undefined) chmodSync(out, OUT_DIR_MODE);
}

/** Makes a rename or a new file in `dir` durable across a crash. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** False only when nothing is there; a path that cannot be inspected counts as existing. */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    return !(isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR'));
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function isErrno(error: unknown, code: string): boolean {
  return isErrnoException(error) && error.code === code;
}
