/**
 * Google RE2, the regex engine of Envoy (route regexes) and of its PGV `pattern` rules: not
 * ECMAScript regexes, whose syntax and semantics differ. RE2 compiled to WebAssembly,
 * loaded on first use and compiled once per pattern.
 */
import { createRequire } from 'node:module';

interface Re2 {
  test(input: string): boolean;
}
type Re2Constructor = new (pattern: string, flags: string) => Re2;

let RE2: Re2Constructor | undefined;
const compiled = new Map<string, Re2 | Error>();

/** Whether `input` contains a match of `pattern` (RE2's PartialMatch), or the compile error. */
export function re2Test(pattern: string, input: string): boolean | Error {
  let re = compiled.get(pattern);
  if (!re) {
    // re2-wasm is a CommonJS module without type declarations.
    RE2 ??= (createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor }).RE2;
    try {
      re = new RE2(pattern, 'u');
    } catch (error) {
      re = error as Error;
    }
    compiled.set(pattern, re);
  }
  return re instanceof Error ? re : re.test(input);
}

/** Why RE2 cannot compile `pattern`, or undefined when it can. */
export function re2CompileError(pattern: string): string | undefined {
  const result = re2Test(pattern, '');
  return result instanceof Error ? result.message.replace(/^Invalid regular expression: \/.*\/u: /s, '') : undefined;
}
