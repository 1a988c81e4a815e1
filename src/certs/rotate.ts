/**
 * `certs rotate`: a new generation for every selected service, whatever its current state.
 * Sidecars watching `<out>/<service>/` pick it up when `current` is swapped.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { issueGeneration, type IssuedCert } from './generation.js';
import { generationRequest, planIssue, type IssueOptions } from './plan.js';
import { writeFailed } from './write-failed.js';

export type RotateOptions = IssueOptions;

export interface RotateResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly issued: readonly IssuedCert[];
}

export async function rotateCerts(options: RotateOptions): Promise<RotateResult> {
  const { plan, diagnostics: planned } = planIssue(options);
  const diagnostics = [...planned];
  const issued: IssuedCert[] = [];
  if (!plan) return { diagnostics, issued };
  for (const service of plan.services) {
    try {
      issued.push(await issueGeneration(plan.ca, generationRequest(plan, service)));
    } catch (error) {
      diagnostics.push(writeFailed(error, `the certificates of ${service}`));
    }
  }
  return { diagnostics, issued };
}
