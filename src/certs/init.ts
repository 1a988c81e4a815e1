/** `certs init`: create the mesh CA in `<out>/_ca/`. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createCa } from './ca.js';
import { DEFAULT_CA_TTL_MS } from './defaults.js';
import { inspectCertificate, type CertSummary } from './inspect.js';
import { caPaths, type CaPaths } from './layout.js';
import { guardCa } from './guard.js';
import { caExists, writeCaFiles } from './store.js';
import { writeFailed } from './write-failed.js';

export interface InitOptions {
  readonly out: string;
  readonly trustDomain: string;
  /** CA lifetime; ten years by default. */
  readonly ttlMs?: number;
  /** Replace an existing CA. */
  readonly force?: boolean;
  readonly now?: Date;
}

export interface InitResult {
  readonly diagnostics: readonly Diagnostic[];
  /** The CA written, when it was. */
  readonly ca?: { readonly paths: CaPaths; readonly cert: CertSummary; readonly replaced: boolean };
}

export async function initCa(options: InitOptions): Promise<InitResult> {
  const paths = caPaths(options.out);
  // Before caExists: --force must not replace a CA through a planted link either.
  const refused = guardCa(options.out);
  if (refused.length > 0) return { diagnostics: refused };
  const exists = caExists(options.out);
  if (exists && options.force !== true) {
    return {
      diagnostics: [
        diagnostic('ca-exists', {
          message: `a mesh CA already exists in ${paths.dir}`,
          hint: 'keep it, or pass --force to replace it and then rotate every service',
        }),
      ],
    };
  }
  const pair = await createCa({
    trustDomain: options.trustDomain,
    ttlMs: options.ttlMs ?? DEFAULT_CA_TTL_MS,
    now: options.now ?? new Date(),
  });
  try {
    writeCaFiles(options.out, pair);
  } catch (error) {
    return { diagnostics: [writeFailed(error, `the mesh CA in ${paths.dir}`)] };
  }
  return { diagnostics: [], ca: { paths, cert: inspectCertificate(pair.certPem), replaced: exists } };
}
