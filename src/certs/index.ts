/**
 * SPIFFE certificate tooling for the mesh's mutual TLS.
 *
 * Pure (PEM in, PEM or data out): spiffeId, createCa, issueLeaf, inspectCertificate, checkCa,
 * checkLeaf, parseCertDuration. Disk: store.ts, and the operations behind `meshc certs`:
 * initCa, issueCerts, rotateCerts, certStatus. Identities come from ir/identity.ts, which the
 * compiler uses too.
 */
export { spiffeId, trustDomainId } from '../ir/identity.js';
export { parseCertDuration, formatSpan } from './duration.js';
export { createCa, type CaOptions } from './ca.js';
export { issueLeaf, type LeafOptions } from './leaf.js';
export { DEFAULT_CA_TTL_MS, DEFAULT_LEAF_TTL_MS, DEFAULT_THRESHOLD_MS, DEFAULT_CA_THRESHOLD_MS } from './defaults.js';
export { BACKDATE_MS, type PemPair } from './profile.js';
export { keyMatchesCertificate } from './keys.js';
export { inspectCertificate, isIssuedBy, bundleContains, splitCertificates, type CertSummary } from './inspect.js';
export {
  checkCa,
  checkLeaf,
  CA_NAME,
  type CertCheck,
  type CertState,
  type CheckClock,
  type LeafExpectation,
} from './check.js';
export * as layout from './layout.js';
export {
  readCaFiles,
  readCurrentFiles,
  currentGeneration,
  listGenerations,
  type FileRead,
  type CaFiles,
  type LeafFiles,
} from './store.js';
export { loadMeshIdentity, type MeshIdentity, type MeshLoad } from './mesh.js';
export { initCa, type InitOptions, type InitResult } from './init.js';
export { issueCerts, type IssueOptions, type IssueResult } from './issue.js';
export { rotateCerts, type RotateOptions, type RotateResult } from './rotate.js';
export type { IssuedCert } from './generation.js';
export {
  certStatus,
  statusDiagnostics,
  statusOk,
  type StatusOptions,
  type StatusReport,
} from './status.js';
export { statusToJson, statusToPrometheus, renderStatusText, CERTIFICATE_EXPIRY_METRIC, type StatusJson, type CertStatusJson } from './status-render.js';
