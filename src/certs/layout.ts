/**
 * Where certificates live under `--out`. Envoy's file-based SDS watches `<out>/<service>/`
 * (`watched_directory`) and reads `current/{cert.pem,key.pem,ca.pem}`; `current` is a relative
 * symbolic link to one generation directory, swapped by rename so readers never see a half set.
 *
 *   <out>/_ca/ca.pem               mesh CA certificate (the trust bundle)
 *   <out>/_ca/ca.key.pem           mesh CA key, 0600, in a 0700 directory; never copied elsewhere
 *   <out>/<service>/gen-<n>/       cert.pem, key.pem (0600), ca.pem
 *   <out>/<service>/current        -> gen-<n>
 *
 * Every directory meshc creates gets its mode explicitly (chmod after mkdir, so the umask cannot
 * loosen or tighten it), and guard.ts refuses a tree another user could have rearranged.
 */
import { join } from 'node:path';

export const CA_DIR = '_ca';
export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca.key.pem';

export const CURRENT_LINK = 'current';
export const CURRENT_TMP_LINK = 'current.tmp';
export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
export const BUNDLE_FILE = 'ca.pem';

/** The current generation and the one before it, which readers that started earlier may hold. */
export const KEEP_GENERATIONS = 2;

export const KEY_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;
export const CA_DIR_MODE = 0o700;
/** `--out` itself, when meshc creates it. */
export const OUT_DIR_MODE = 0o755;
/** Readable by a sidecar running as another user (key.pem itself stays 0600). */
export const SERVICE_DIR_MODE = 0o755;
export const GENERATION_DIR_MODE = 0o755;

export interface CaPaths {
  readonly dir: string;
  readonly cert: string;
  readonly key: string;
}

export function caPaths(out: string): CaPaths {
  const dir = join(out, CA_DIR);
  return { dir, cert: join(dir, CA_CERT_FILE), key: join(dir, CA_KEY_FILE) };
}

export function serviceDir(out: string, service: string): string {
  return join(out, service);
}

export function generationName(n: number): string {
  return `gen-${n}`;
}

const GENERATION = /^gen-([1-9][0-9]*)$/;

/** The number of a generation directory name, or undefined for any other name. */
export function generationNumber(name: string): number | undefined {
  const match = GENERATION.exec(name);
  return match ? Number(match[1]) : undefined;
}
