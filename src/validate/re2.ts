/** Google RE2 (the engine Envoy uses), compiled to WebAssembly. */
import { createRequire } from 'node:module';

interface Re2Constructor {
  new (pattern: string, flags: string): unknown;
}

// re2-wasm is a CommonJS module without type declarations.
const { RE2 } = createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor };

/** Why RE2 refuses the pattern, or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  try {
    new RE2(pattern, 'u');
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.replace(/^Invalid regular expression: \/.*\/u: /s, '');
  }
}
