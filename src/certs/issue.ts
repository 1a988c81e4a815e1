/**
 * `certs issue`: give every selected service a usable certificate. A service whose current
 * certificate is valid is left alone (`rotate` replaces those); one without, or with a broken or
 * expired set, gets a new generation.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkLeaf, type CertCheck } from './check.js';
import { issueGeneration, type IssuedCert } from './generation.js';
import { generationRequest, planIssue, type IssueOptions, type IssuePlan } from './plan.js';
import { readCurrentFiles } from './store.js';
import { writeFailed } from './write-failed.js';

export type { IssueOptions } from './plan.js';

export interface IssueResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly issued: readonly IssuedCert[];
  /** Services whose current certificate was valid, as found. */
  readonly kept: readonly CertCheck[];
}

export async function issueCerts(options: IssueOptions): Promise<IssueResult> {
  const { plan, diagnostics: planned } = planIssue(options);
  const diagnostics = [...planned];
  const issued: IssuedCert[] = [];
  const kept: CertCheck[] = [];
  if (!plan) return { diagnostics, issued, kept };
  for (const service of plan.services) {
    const existing = currentCheck(plan, service);
    if (!hasErrors(existing.diagnostics)) {
      kept.push(existing);
      continue;
    }
    try {
      issued.push(await issueGeneration(plan.ca, generationRequest(plan, service)));
    } catch (error) {
      diagnostics.push(writeFailed(error, `the certificates of ${service}`));
    }
  }
  return { diagnostics, issued, kept };
}

function currentCheck(plan: IssuePlan, service: string): CertCheck {
  return checkLeaf(readCurrentFiles(plan.out, service), { trustDomain: plan.trustDomain, service, caCertPem: plan.ca.certPem }, { now: plan.now, thresholdMs: 0 });
}
