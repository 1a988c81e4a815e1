/**
 * What `issue` and `rotate` check before writing anything: the services exist, the tree is safe
 * to use (guard.ts), the CA is usable for this mesh, and the requested lifetime fits inside the CA's.
 */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { checkCa } from './check.js';
import { formatInstant, formatSpan } from './duration.js';
import type { GenerationRequest } from './generation.js';
import type { CertSummary } from './inspect.js';
import { DEFAULT_LEAF_TTL_MS } from './defaults.js';
import type { MeshIdentity } from './mesh.js';
import type { PemPair } from './profile.js';
import { guardCa, guardService } from './guard.js';
import { readCaFiles } from './store.js';

export interface IssueOptions {
  readonly out: string;
  readonly mesh: MeshIdentity;
  /** Only these services; every service of the mesh when absent or empty. */
  readonly services?: readonly string[];
  /** Leaf lifetime; 24 hours by default. */
  readonly ttlMs?: number;
  readonly now?: Date;
}

/** A checked request: everything needed to issue, and nothing left to go wrong but the disk. */
export interface IssuePlan {
  readonly out: string;
  readonly trustDomain: string;
  readonly services: readonly string[];
  readonly ca: PemPair;
  readonly caCert: CertSummary;
  readonly ttlMs: number;
  readonly now: Date;
}

export interface PlanResult {
  readonly plan?: IssuePlan;
  readonly diagnostics: readonly Diagnostic[];
}

export function planIssue(options: IssueOptions): PlanResult {
  const now = options.now ?? new Date();
  const ttlMs = options.ttlMs ?? DEFAULT_LEAF_TTL_MS;
  const selected = selectServices(options.mesh.services, options.services ?? []);
  // One unsafe directory stops the whole run before anything is read: nothing half-issued.
  const refused = [guardCa(options.out), ...selected.services.map((s) => guardService(options.out, s))].flat();
  if (refused.length > 0) return { diagnostics: [...selected.diagnostics, ...refused] };
  const files = readCaFiles(options.out);
  // Only an expired CA stops issuing; one about to expire is for `status` to flag.
  const caCheck = checkCa(files, options.mesh.trustDomain, { now, thresholdMs: 0 });
  const diagnostics = [...selected.diagnostics, ...caCheck.diagnostics];
  const caCert = caCheck.cert;
  if (caCert && !hasErrors(caCheck.diagnostics) && now.getTime() + ttlMs > caCert.notAfter.getTime()) {
    const caEnd = formatInstant(caCert.notAfter);
    diagnostics.push(
      diagnostic('leaf-outlives-ca', {
        message: `--ttl ${formatSpan(ttlMs)} would outlive the mesh CA, which expires at ${caEnd}`,
        hint: `use a --ttl below ${formatSpan(caCert.notAfter.getTime() - now.getTime())}, or renew the CA first`,
      }),
    );
  }
  if (hasErrors(diagnostics) || !caCert || files.cert.kind !== 'present' || files.key.kind !== 'present') {
    return { diagnostics };
  }
  const ca = { certPem: files.cert.text, keyPem: files.key.text };
  const plan: IssuePlan = {
    out: options.out,
    trustDomain: options.mesh.trustDomain,
    services: selected.services,
    ca,
    caCert,
    ttlMs,
    now,
  };
  return { plan, diagnostics };
}

export function generationRequest(plan: IssuePlan, service: string): GenerationRequest {
  return { out: plan.out, trustDomain: plan.trustDomain, service, ttlMs: plan.ttlMs, now: plan.now };
}

interface Selection {
  readonly services: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The requested services in mesh order, or all of them; unknown names are errors. */
export function selectServices(meshServices: readonly string[], requested: readonly string[]): Selection {
  if (requested.length === 0) return { services: meshServices, diagnostics: [] };
  const wanted = new Set(requested);
  const diagnostics = [...wanted]
    .filter((name) => !meshServices.includes(name))
    .map((name) =>
      diagnostic('unknown-cert-service', {
        message: `service "${name}" is not in the mesh`,
        hint: didYouMean(name, meshServices) ?? `the mesh has: ${meshServices.join(', ')}`,
      }),
    );
  return { services: meshServices.filter((name) => wanted.has(name)), diagnostics };
}
