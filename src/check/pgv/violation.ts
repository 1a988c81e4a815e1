/** What a PGV rule reports: the first rule a value breaks (PGV stops at one per field too). */
import type { CheckName } from '../problems.js';

export interface Violation {
  readonly name: CheckName;
  readonly message: string;
}

export function violation(name: CheckName, message: string): Violation {
  return { name, message };
}
