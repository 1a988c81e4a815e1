/**
 * A reader of `<service>/current` for the rotation test, run as its own process so it races the
 * writer for real. It reads like a sidecar must: resolve `current` once, then open the files in
 * that generation. It counts every pair whose key does not match its certificate, and every
 * instant at which `current` did not resolve.
 *
 * Runs only when started by the test (MESHC_CERT_READER=1): `node --test` also loads every
 * file under test/ and must find nothing to do here.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface ReaderReport {
  readonly reads: number;
  /** A cert and key from one resolved generation that do not belong together: must be 0. */
  readonly mismatches: number;
  /** Times `current` itself did not resolve: must be 0, rename replaces it atomically. */
  readonly currentMissing: number;
  /** Times a resolved generation was pruned before both files were read (reader too slow). */
  readonly stale: number;
  /** Pairs read as `current/cert.pem` then `current/key.pem`, i.e. resolving twice (informative). */
  readonly naiveReads: number;
  readonly naiveMismatches: number;
  readonly generations: readonly string[];
}

const MAX_RUN_MS = 60_000;

/**
 * Pairs repeat thousands of times, so each distinct pair is checked once: that keeps the loop
 * tight enough to land inside the short window a non-atomic swap would leave open.
 */
const verdicts = new Map<string, boolean>();

function matches(certPem: string, keyPem: string): boolean {
  const pair = `${certPem}\n${keyPem}`;
  let verdict = verdicts.get(pair);
  if (verdict === undefined) {
    verdict = pairMatches(certPem, keyPem);
    verdicts.set(pair, verdict);
  }
  return verdict;
}

/** A torn file (read while being written) does not parse: that is a mismatch too. */
function pairMatches(certPem: string, keyPem: string): boolean {
  try {
    const fromCert = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
    return fromCert.equals(fromKey);
  } catch {
    return false;
  }
}

function isEnoent(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function readLoop(serviceDir: string, stopFile: string): ReaderReport {
  const link = join(serviceDir, 'current');
  const generations = new Set<string>();
  let reads = 0,
    mismatches = 0,
    currentMissing = 0,
    stale = 0,
    naiveReads = 0,
    naiveMismatches = 0;
  const deadline = Date.now() + MAX_RUN_MS;
  while (!existsSync(stopFile) && Date.now() < deadline) {
    let dir: string;
    try {
      dir = realpathSync(link);
    } catch (error) {
      if (!isEnoent(error)) throw error;
      currentMissing++;
      continue;
    }
    try {
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      reads++;
      generations.add(basename(dir));
      if (!matches(cert, key)) mismatches++;
    } catch (error) {
      if (!isEnoent(error)) throw error;
      stale++;
    }
    try {
      const cert = readFileSync(join(link, 'cert.pem'), 'utf8');
      const key = readFileSync(join(link, 'key.pem'), 'utf8');
      naiveReads++;
      if (!matches(cert, key)) naiveMismatches++;
    } catch (error) {
      if (!isEnoent(error)) throw error;
    }
  }
  return { reads, mismatches, currentMissing, stale, naiveReads, naiveMismatches, generations: [...generations].sort() };
}

if (process.env['MESHC_CERT_READER'] === '1') {
  const [serviceDir, stopFile] = process.argv.slice(2);
  if (serviceDir === undefined || stopFile === undefined) throw new Error('usage: reader-child <serviceDir> <stopFile>');
  process.stdout.write('ready\n');
  process.stdout.write(`${JSON.stringify(readLoop(serviceDir, stopFile))}\n`);
}
