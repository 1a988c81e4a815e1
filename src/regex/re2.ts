/**
 * Google RE2, the regex engine of Envoy (route regexes) and of its PGV `pattern` rules: not
 * ECMAScript regexes, whose syntax and semantics differ. RE2 compiled to WebAssembly,
 * loaded on first use and compiled once per pattern. A leaf stage of its own: the DSL's
 * invalid-regex rule and the Envoy checker both judge patterns here, and neither stage imports
 * the other.
 */
import { createRequire } from 'node:module';
import { RE2JS } from 're2js';

interface Re2 {
  test(input: string): boolean;
  /** The compiled program in the WebAssembly heap, freed only by `delete()` (embind). */
  readonly wrapper: { delete(): void };
}
type Re2Constructor = new (pattern: string, flags: string) => Re2;

let RE2: Re2Constructor | undefined;

function compile(pattern: string): Re2 | Error {
  // re2-wasm is a CommonJS module without type declarations.
  RE2 ??= (createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor }).RE2;
  try {
    return new RE2(pattern, 'u');
  } catch (error) {
    return error as Error;
  }
}

// Kept compiled: the patterns of PGV rules, a fixed set from the protos. re2-wasm's heap is a
// fixed 16 MiB, so patterns from configs are compiled, judged and freed (compileErrors).
const kept = new Map<string, Re2 | Error>();

/** Whether `input` contains a match of `pattern` (RE2's PartialMatch), or the compile error. */
export function re2Test(pattern: string, input: string): boolean | Error {
  let re = kept.get(pattern);
  if (!re) kept.set(pattern, (re = compile(pattern)));
  return re instanceof Error ? re : re.test(input);
}

const compileErrors = new Map<string, string | undefined>();

/** Why RE2 cannot compile `pattern`, or undefined when it can. Any number of patterns fit. */
export function re2CompileError(pattern: string): string | undefined {
  if (compileErrors.has(pattern)) return compileErrors.get(pattern);
  const re = compile(pattern);
  if (!(re instanceof Error)) re.wrapper.delete();
  const error = re instanceof Error ? re.message.replace(/^Invalid regular expression: \/.*\/u: /s, '') : undefined;
  compileErrors.set(pattern, error);
  return error;
}

/**
 * Envoy refuses a regex whose compiled RE2 program has more instructions than the runtime value
 * re2.max_program_size.error_level, 100 unless raised (source/common/common/regex.cc).
 */
export const ENVOY_MAX_PROGRAM_SIZE = 100;

/**
 * Why Envoy would refuse `pattern`: RE2 cannot compile it, or its program is over Envoy's size
 * limit. re2-wasm does not report program sizes; re2js (a port of RE2/J) does, counting
 * instructions over code points where RE2 compiles UTF-8 byte ranges and adds an unanchored
 * prefix, so its count is a lower bound of RE2's and a program it finds too large is one.
 */
export interface EnvoyRegexError {
  readonly kind: 'syntax' | 'too-large';
  readonly reason: string;
}

export function envoyRegexError(pattern: string, maxProgramSize: number | 'unchecked' = ENVOY_MAX_PROGRAM_SIZE): EnvoyRegexError | undefined {
  const error = re2CompileError(pattern);
  if (error !== undefined) return { kind: 'syntax', reason: error };
  const size = maxProgramSize === 'unchecked' ? undefined : programSizeAtLeast(pattern);
  if (size === undefined || maxProgramSize === 'unchecked' || size <= maxProgramSize) return undefined;
  const limit = maxProgramSize === ENVOY_MAX_PROGRAM_SIZE ? 'runtime re2.max_program_size.error_level' : 'google_re2.max_program_size';
  return { kind: 'too-large', reason: `its RE2 program has at least ${size} instructions, over the ${maxProgramSize} Envoy allows (${limit})` };
}

const programSizes = new Map<string, number | undefined>();

function programSizeAtLeast(pattern: string): number | undefined {
  if (!programSizes.has(pattern)) {
    let size: number | undefined;
    try {
      size = RE2JS.compile(pattern).programSize();
    } catch {
      size = undefined; // syntax re2js lacks: RE2 itself has accepted the pattern
    }
    programSizes.set(pattern, size);
  }
  return programSizes.get(pattern);
}
