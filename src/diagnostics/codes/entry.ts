/** The shape of one registered diagnostic. */
export type Severity = 'error' | 'warning';

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly doc: string;
}
