/** meshc as a library: compile a mesh to Envoy configuration without touching the disk. */
export { compile } from './compile.js';
export type { CompileInput, CompileOptions, CompileResult } from './compile.js';
/** Kept between compiles (CompileOptions.cache), a long-running caller redoes only what changed. */
export { createCompileCache, type CompileCache } from './compile-cache.js';
export type { Source } from './dsl/source.js';
export type { OutputFile } from './emit/layout.js';
export type { OutputFormat } from './emit/serialize.js';
export type { Diagnostic, SourceSpan, RelatedInformation } from './diagnostics/diagnostic.js';
export type { DiagnosticCode, DiagnosticName, Severity } from './diagnostics/codes.js';
export { CODES, findCode } from './diagnostics/codes.js';
export { renderDiagnostics, type DiagnosticFormat } from './diagnostics/render.js';
export { meshJsonSchema } from './dsl/schema.js';
export type * from './dsl/schema.js';
export type * from './ir/types.js';
export type { RetriesSpec, RetryCondition, RetriesIR } from './features/retries/index.js';
export { writeOutput } from './emit/write.js';
/** The resolved mesh (CompileResult.mesh) as YAML or JSON, as `meshc compile --emit ir` prints it. */
export { renderIr } from './emit/ir.js';
