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

const SPAN_UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

/** A short human reading of a span: its largest unit and the next one if not zero (`23h 59m`, `7d`). */
export function formatSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const first = SPAN_UNITS.findIndex(([, seconds]) => total >= seconds);
  const major = SPAN_UNITS[first];
  if (major === undefined) return '0s';
  const parts = [`${Math.floor(total / major[1])}${major[0]}`];
  const minor = SPAN_UNITS[first + 1];
  const minorCount = minor === undefined ? 0 : Math.floor((total % major[1]) / minor[1]);
  if (minor !== undefined && minorCount > 0) parts.push(`${minorCount}${minor[0]}`);
  return sign + parts.join(' ');
}

/** An instant to the second, as certificates store it: `2026-11-25T16:17:14Z`. */
export function formatInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
