/**
 * Google RE2, the regex engine of Envoy (route regexes) and of its PGV `pattern` rules: not
 * ECMAScript regexes, whose syntax and semantics differ. RE2 compiled to WebAssembly,
 * loaded on first use and compiled once per pattern.
 */
import { createRequire } from 'node:module';

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
