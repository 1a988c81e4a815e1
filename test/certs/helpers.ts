/** Shared by the certificate tests: temp dirs, the sample mesh, OpenSSL and the built CLI. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeshIdentity } from '../../src/certs/index.js';

export { CLI, REPO_ROOT } from '../helpers/paths.js';
import { CLI, REPO_ROOT } from '../helpers/paths.js';
export const SHOP_MESH = join(REPO_ROOT, 'examples', 'shop', 'mesh.yaml');

/** The identity of examples/shop, for library-level tests that do not read the mesh. */
export const SHOP: MeshIdentity = { trustDomain: 'shop.example', services: ['cart', 'catalog', 'frontend'] };

/** What loadMeshIdentity reads from examples/shop: its services, and Prometheus, whose scrapes take mTLS. */
export const SHOP_WITH_PROMETHEUS: MeshIdentity = { ...SHOP, services: [...SHOP.services, '_prometheus'] };

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t: { after: (fn: () => void) => void }, prefix = 'meshc-certs-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The shop mesh with its `mtls: off` line replaced, written into `dir`. */
export function shopMeshWithMtls(dir: string, mode: 'strict' | 'permissive' | 'off' | 'absent'): string {
  const text = readFileSync(SHOP_MESH, 'utf8');
  const line = /^  mtls: \w+.*\n/m;
  if (!line.test(text)) throw new Error('examples/shop/mesh.yaml no longer has an `  mtls:` line');
  const path = join(dir, `mesh-${mode}.yaml`);
  writeFileSync(path, text.replace(line, mode === 'absent' ? '' : `  mtls: ${mode}\n`));
  return path;
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/src/cli/main.js certs ...args` in `cwd`. */
export function runCerts(cwd: string, args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [CLI, 'certs', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface OpensslRun {
  readonly ok: boolean;
  readonly output: string;
}

/** Runs openssl; never throws, so tests can assert on failures too. */
export function openssl(args: readonly string[]): OpensslRun {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The public key of a certificate or private key file, as OpenSSL prints it (PEM SPKI). */
export function opensslPublicKey(path: string, kind: 'cert' | 'key'): string {
  const args = kind === 'cert' ? ['x509', '-in', path, '-noout', '-pubkey'] : ['pkey', '-in', path, '-pubout'];
  return execFileSync('openssl', args, { encoding: 'utf8' });
}
