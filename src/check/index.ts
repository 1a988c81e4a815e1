/**
 * Checking Envoy configuration the way Envoy itself would, without an Envoy binary: structure
 * against the v3 API protos, protoc-gen-validate rules, and Envoy's load-time invariants.
 */
export { checkMessage, checkResources, type CheckOptions, type Resource } from './check.js';
export {
  checkEnvoyFile,
  checkEnvoyFiles,
  type FileCheckOptions,
  type FileInput,
  type FileProblem,
  type FileVerdict,
  type FilesCheckResult,
} from './file.js';
export type { CheckProblem, CheckCode, CheckName, RelatedProblemPlace, Segment } from './problems.js';
export { MESSAGE_ALIASES, resolveMessageName } from './types.js';
export { envoySchema } from './api/load.js';
