/** Compile YAML text in memory and look at what was reported, the way rule tests assert. */
import { compile, type CompileResult } from '../../src/compile.js';
import type { Source } from '../../src/dsl/source.js';
import { dedent } from './text.js';

export interface Found {
  readonly name: string;
  readonly code: string;
  readonly at: string;
}

/** One source named `mesh.yaml`, or several `{name: text}`. */
export function compileText(text: string | Readonly<Record<string, string>>): CompileResult {
  const sources: Source[] = typeof text === 'string' ? [{ name: 'mesh.yaml', text: dedent(text) }] : Object.entries(text).map(([name, t]) => ({ name, text: dedent(t) }));
  return compile(sources);
}

/** Diagnostics as `name@file:line:col` strings: what tests compare, never message text. */
export function diagnose(text: string | Readonly<Record<string, string>>): string[] {
  return compileText(text).diagnostics.map((d) => {
    const l = d.location;
    return `${d.name}@${l ? `${l.file}:${l.line}:${l.column}` : '-'}`;
  });
}

/** A minimal valid mesh document header to build cases on. */
export const MESH_HEADER = `
apiVersion: meshc/v1
mesh:
  name: test
  trustDomain: test.example
  mtls: off
`;
