/**
 * One new generation for one service: issue, write it beside the current one, switch `current`
 * to it, prune. `issue` and `rotate` both go through here, so the first generation and every
 * later one are laid out and switched the same way.
 */
import { KEEP_GENERATIONS, serviceDir } from './layout.js';
import { issueLeaf } from './leaf.js';
import type { PemPair } from './profile.js';
import { workloadIdentity } from '../ir/identity.js';
import { currentGeneration, pruneGenerations, removeGeneration, switchCurrent, writeGeneration } from './store.js';
import { inspectCertificate } from './inspect.js';

export interface IssuedCert {
  readonly service: string;
  readonly spiffeId: string;
  readonly generation: string;
  /** The generation `current` named before, kept for readers that resolved it earlier. */
  readonly previous?: string;
  /** Generations removed because they were older than the previous one. */
  readonly pruned: readonly string[];
  readonly notAfter: Date;
  readonly dir: string;
}

export interface GenerationRequest {
  readonly out: string;
  readonly trustDomain: string;
  readonly service: string;
  readonly ttlMs: number;
  readonly now: Date;
}

export async function issueGeneration(ca: PemPair, request: GenerationRequest): Promise<IssuedCert> {
  const { out, service } = request;
  const leaf = await issueLeaf(ca, request);
  // The bundle is the CA certificate only: the CA key never leaves <out>/_ca.
  const generation = writeGeneration(out, service, leaf, ca.certPem);
  const previous = currentGeneration(out, service);
  try {
    switchCurrent(out, service, generation);
  } catch (error) {
    // Only a generation `current` does not name is removed: the switch may have happened before
    // the failure (the directory sync after the rename).
    if (currentGeneration(out, service) !== generation) removeGeneration(out, service, generation);
    throw error;
  }
  const pruned = pruneGenerations(out, service, KEEP_GENERATIONS, previous);
  return {
    service,
    spiffeId: workloadIdentity(request.trustDomain, service).uri,
    generation,
    ...(previous !== undefined ? { previous } : {}),
    pruned,
    notAfter: inspectCertificate(leaf.certPem).notAfter,
    dir: serviceDir(out, service),
  };
}
