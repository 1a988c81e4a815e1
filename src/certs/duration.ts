/**
 * Certificate lifetimes and thresholds on the command line: `90s`, `30m`, `24h`, `7d`,
 * `3650d`, or combinations such as `1d12h`. Days are added because certificates live for days
 * and years, which the mesh language's durations (up to hours) do not need.
 */
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const WHOLE = /^(?:[0-9]+[smhd])+$/;
const PART = /([0-9]+)([smhd])/g;

/** Milliseconds, or undefined when the text is not a positive duration. */
export function parseCertDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** A short human reading of a span, largest two units: `23h 59m`, `9d 4h`, `-2h 5m`. */
export function formatSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.floor(Math.abs(ms) / 1000);
  const parts: string[] = [];
  for (const [unit, seconds] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / seconds);
    rest -= n * seconds;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  return sign + (parts.length > 0 ? parts.join(' ') : '0s');
}

/** An instant to the second, as certificates store it: `2026-11-25T16:17:14Z`. */
export function formatInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
