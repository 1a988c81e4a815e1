/**
 * Checking Envoy configuration the way Envoy itself would, without an Envoy binary: structure
 * against the v3 API protos (as Envoy's JSON/YAML loader reads it), protoc-gen-validate rules
 * (also inside every Any payload), and the load-time invariants Envoy enforces beyond the protos.
 *
 * Two modes:
 * - default (lenient): accepts what Envoy's parser accepts: enum names in any case, a single
 *   object where a list is expected, lowerCamel (JSON) field names next to proto names, numbers
 *   for 64-bit integers and strings for 32-bit ones, `null` for unset fields, type URLs with any
 *   prefix. YAML is read as yaml-cpp reads it (unquoted yes/no/on/off are booleans).
 * - strict: canonical proto3 JSON as protojson writes it, with proto (snake_case) field names as
 *   Envoy's docs and YAML use: each leniency above is an envoy-non-canonical error. meshc checks
 *   its own output this way. Errors of the default mode stay errors, with the same codes.
 *
 * Entry points: `checkMessage` / `checkResources` on in-memory data (problems with JSON paths),
 * `checkEnvoyFile` / `checkEnvoyFiles` on texts (diagnostics at file:line:col).
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
