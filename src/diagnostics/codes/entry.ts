/** The shape of one registered diagnostic. */
export type Severity = 'error' | 'warning';

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
  // The longer documentation and an example are in docs/diagnostics/<code>-<name>.md (docs.ts reads it).
  /**
   * Where the behaviour checked comes from: the Envoy source file(s) (or gRPC's, protobuf's) that
   * refuse the configuration, or say it is not a refusal. Every checker invariant has one.
   */
  readonly source?: string;
}
