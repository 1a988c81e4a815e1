/**
 * Refuses a certificate tree that someone else could have rearranged, before any command reads
 * or writes it, as ssh does for `~/.ssh`: below `--out`, the directories and files meshc owns
 * (`_ca`, each service directory, its generations and their files) must not be symbolic links,
 * must not be writable by group or others, and must belong to the user running meshc. A planted
 * `_ca -> /elsewhere` would otherwise make meshc sign with, and write keys next to, a CA it did
 * not make. The one link meshc makes, `current`, may only name a generation beside it.
 *
 * Only lstat and readlink are used here: nothing is followed. `--out` itself is the user's
 * choice and may be a link. A path that cannot be inspected at all is left to the readers,
 * which report it (cert-unreadable, ca-invalid, cert-write-failed).
 */
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BUNDLE_FILE, CERT_FILE, CURRENT_LINK, KEY_FILE, caPaths, generationNumber, serviceDir } from './layout.js';

/** Refusals for `<out>/_ca` and the CA files in it; empty when it is safe to use (or absent). */
export function guardCa(out: string): Diagnostic[] {
  const paths = caPaths(out);
  return guardDirectory(
    paths.dir,
    [paths.cert, paths.key].map((path) => () => guardEntry(path)),
  );
}

/** Refusals for `<out>/<service>`, its generations and `current`; empty when safe (or absent). */
export function guardService(out: string, service: string): Diagnostic[] {
  const dir = serviceDir(out, service);
  return guardDirectory(dir, [
    () =>
      listNames(dir).flatMap((name) => {
        if (name === CURRENT_LINK) return guardCurrent(dir, service);
        return generationNumber(name) !== undefined ? guardGeneration(join(dir, name)) : [];
      }),
  ]);
}

function guardGeneration(dir: string): Diagnostic[] {
  return guardDirectory(
    dir,
    [CERT_FILE, KEY_FILE, BUNDLE_FILE].map((name) => () => guardEntry(join(dir, name))),
  );
}

/**
 * `current` is a link meshc made, to `gen-<n>` in the same directory; the generation itself is
 * checked with the others. Anything else (an absolute path, `..`, a path through another
 * directory) would let whoever wrote it choose what sidecars and `status` read.
 */
function guardCurrent(dir: string, service: string): Diagnostic[] {
  const link = join(dir, CURRENT_LINK);
  const stats = lstatOrUndefined(link);
  if (!stats) return [];
  if (!stats.isSymbolicLink()) return guardGeneration(link); // a directory put there by hand
  const owner = ownerProblems(link, stats);
  if (owner.length > 0) return owner;
  const target = readlinkOrUndefined(link);
  if (target !== undefined && generationNumber(target) !== undefined) return [];
  return [
    diagnostic('cert-path-symlink', {
      message: `${link} points at ${target ?? 'an unreadable target'}, not at a generation (gen-<n>) in ${dir}`,
      hint: `remove it (rm ${link}) and run \`meshc certs rotate --service ${service}\` to point it at a new generation`,
    }),
  ];
}

/** The directory's own refusals; its contents are looked at only when it is fine itself. */
function guardDirectory(dir: string, contents: readonly (() => Diagnostic[])[]): Diagnostic[] {
  const stats = lstatOrUndefined(dir);
  if (!stats) return [];
  const own = entryProblems(dir, stats);
  if (own.length > 0 || !stats.isDirectory()) return own;
  return contents.flatMap((check) => check());
}

function guardEntry(path: string): Diagnostic[] {
  const stats = lstatOrUndefined(path);
  return stats ? entryProblems(path, stats) : [];
}

function entryProblems(path: string, stats: Stats): Diagnostic[] {
  if (stats.isSymbolicLink()) {
    const target = readlinkOrUndefined(path);
    return [
      diagnostic('cert-path-symlink', {
        message: `${path} is a symbolic link${target !== undefined ? ` to ${target}` : ''}; meshc does not follow links in the certificate tree`,
        hint: `remove the link (rm ${path}) and put the real directory or file there, or let meshc create it`,
      }),
    ];
  }
  const found = ownerProblems(path, stats);
  const mode = stats.mode & 0o777;
  if ((mode & 0o022) !== 0) {
    found.push(
      diagnostic('cert-path-writable', {
        message: `${path} is writable by its group or others (mode ${mode.toString(8).padStart(4, '0')})`,
        hint: `chmod go-w ${path}, then check that nothing in it was replaced`,
      }),
    );
  }
  return found;
}

function ownerProblems(path: string, stats: Stats): Diagnostic[] {
  // process.getuid is absent on Windows, where there is no uid to compare with.
  const uid = process.getuid?.();
  if (uid === undefined || stats.uid === uid) return [];
  return [
    diagnostic('cert-path-foreign-owner', {
      message: `${path} is owned by uid ${stats.uid}, not by uid ${uid} that runs meshc`,
      hint: `run meshc as uid ${stats.uid}, or check its contents and take it over with chown -R ${uid} ${path}`,
    }),
  ];
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function readlinkOrUndefined(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Sorted, so refusals come in a stable order. */
function listNames(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
