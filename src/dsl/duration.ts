/** Durations of the mesh language (`250ms`, `1.5s`, `1m30s`) as whole milliseconds. */
const UNIT_MS = { ms: 1n, s: 1000n, m: 60_000n, h: 3_600_000n } as const;
const PART = /([0-9]+)(?:\.([0-9]+))?(ms|s|m|h)/g;

/** The largest google.protobuf.Duration: 315,576,000,000 s (10,000 years). */
export const MAX_DURATION_MS = 315_576_000_000_000n;

/**
 * The exact value as a fraction of milliseconds (`numerator / denominator`), so a rule can tell
 * `0.5ms` from `0s` and `99999999999999h` from a number JavaScript can hold.
 */
export function exactDuration(text: string): { readonly numerator: bigint; readonly denominator: bigint } {
  let numerator = 0n;
  let denominator = 1n;
  for (const match of text.matchAll(PART)) {
    const fraction = match[2] ?? '';
    const scale = 10n ** BigInt(fraction.length);
    const part = BigInt(`${match[1]}${fraction}`) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
    // a/b + c/d with b and d both powers of ten: bring both to the larger.
    if (scale > denominator) {
      numerator *= scale / denominator;
      denominator = scale;
    }
    numerator += part * (denominator / scale);
  }
  return { numerator, denominator };
}

/**
 * Milliseconds. The schema has checked the syntax and the `duration-out-of-range` rule that the
 * value is a whole number of milliseconds within protobuf's range; anything else is rounded.
 */
export function parseDuration(text: string): number {
  const { numerator, denominator } = exactDuration(text);
  return Math.round(Number(numerator) / Number(denominator));
}

export function optionalDuration(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text);
}
