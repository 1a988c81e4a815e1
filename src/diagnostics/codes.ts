/**
 * The registry of every diagnostic meshc can report, one file per band. A code is stable
 * forever and never reused; the kebab-case name is what tests and pipelines match on. Its
 * documentation, with an example, is docs/diagnostics/<code>-<name>.md, which `meshc explain`
 * prints (docs.ts).
 *
 * Bands: MC1xxx parsing and schema, MC2xxx semantic rules, MC3xxx policies,
 * MC4xxx Envoy output checks, MC5xxx command line and files (MC55xx certificates).
 */
import { SCHEMA_CODES } from './codes/schema.js';
import { RULE_CODES } from './codes/rules.js';
import { CHECK_CODES } from './codes/check.js';
import { CLI_CODES } from './codes/cli.js';
import { CERT_CODES } from './codes/certs.js';
import { FEATURE_CODES } from '../features/index.js';

export type { CodeEntry, Severity } from './codes/entry.js';

/** In code order: the features' rule codes are numbered with the other rules'. */
export const CODES = [...SCHEMA_CODES, ...RULE_CODES, ...FEATURE_CODES, ...CHECK_CODES, ...CLI_CODES, ...CERT_CODES].sort((a, b) => (a.code < b.code ? -1 : 1));
export type DiagnosticName = (typeof CODES)[number]['name'];
export type DiagnosticCode = (typeof CODES)[number]['code'];

type RegisteredCode = (typeof CODES)[number];

const BY_NAME = new Map<string, RegisteredCode>(CODES.map((c) => [c.name, c]));
const BY_CODE = new Map<string, RegisteredCode>(CODES.map((c) => [c.code, c]));

export function codeByName(name: DiagnosticName): RegisteredCode {
  const entry = BY_NAME.get(name);
  // The type system guarantees the name is registered; reaching this is a meshc bug.
  if (!entry) throw new Error(`unregistered diagnostic name ${name}`);
  return entry;
}

/** Looks a code up by `MC2101` or by its name `unknown-service`, case-insensitively. */
export function findCode(codeOrName: string): RegisteredCode | undefined {
  const key = codeOrName.trim();
  return BY_CODE.get(key.toUpperCase()) ?? BY_NAME.get(key.toLowerCase());
}
