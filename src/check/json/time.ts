/**
 * google.protobuf.Duration and Timestamp in proto3 JSON: "1.5s" and RFC 3339 strings. Both
 * normalize to `{ seconds, nanos }` (seconds as a decimal string, protobufjs' int64 form).
 */
import { describeValue } from '../problems.js';
import type { ScalarResult } from './scalars.js';

export interface SecondsNanos {
  readonly seconds: string;
  readonly nanos: number;
}

const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;
const MAX_DURATION_SECONDS = 315_576_000_000n;

export function readDuration(value: unknown): ScalarResult {
  const invalid = (why: string): ScalarResult => ({
    ok: false,
    name: 'envoy-invalid-duration',
    message: `cannot parse google.protobuf.Duration from JSON: ${describeValue(value)} (${why})`,
  });
  if (typeof value !== 'string') return invalid('expected a string of seconds such as "1s" or "0.250s"');
  const m = DURATION.exec(value);
  if (!m) return invalid(`expected seconds with an "s" suffix, e.g. ${suggestDuration(value) ?? '"0.250s"'}`);
  const negative = m[1] === '-';
  const seconds = BigInt(m[2] as string);
  if (seconds > MAX_DURATION_SECONDS) return invalid(`more than ${MAX_DURATION_SECONDS} seconds`);
  const nanos = Number((m[3] ?? '').padEnd(9, '0'));
  const normalized: SecondsNanos = {
    seconds: String(negative ? -seconds : seconds),
    nanos: negative && nanos !== 0 ? -nanos : nanos,
  };
  const canonical = formatDuration(normalized);
  return canonical === value ? { ok: true, value: normalized } : { ok: true, value: normalized, nonCanonical: `the canonical form of this Duration is "${canonical}"` };
}

/** Why seconds and nanos make no valid Duration (google/protobuf/duration.proto), or undefined. */
export function durationInRange(seconds: bigint, nanos: number): string | undefined {
  if (seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS) return `seconds beyond ±${MAX_DURATION_SECONDS}`;
  if (nanos > 999_999_999 || nanos < -999_999_999) return 'nanos beyond ±999999999';
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) return 'seconds and nanos of opposite signs';
  return undefined;
}

/** protojson's output: no fraction for whole seconds, else 3, 6 or 9 fractional digits. */
export function formatDuration(d: SecondsNanos): string {
  const negative = d.seconds.startsWith('-') || d.nanos < 0;
  const seconds = d.seconds.replace(/^-/, '');
  return `${negative ? '-' : ''}${seconds}${fraction(Math.abs(d.nanos))}s`;
}

function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  if (digits.endsWith('000000')) return `.${digits.slice(0, 3)}`;
  if (digits.endsWith('000')) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

const GO_DURATION = /^(\d+(?:\.\d+)?)(ms|us|µs|ns|s|m|h)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** For "250ms", the proto3 JSON spelling "0.250s". */
function suggestDuration(text: string): string | undefined {
  const m = GO_DURATION.exec(text);
  if (!m) return undefined;
  const totalNanos = Math.round(Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number) * 1e9);
  const seconds = Math.floor(totalNanos / 1e9);
  return `"${formatDuration({ seconds: String(seconds), nanos: totalNanos - seconds * 1e9 })}"`;
}

export function durationNanos(d: { readonly seconds?: number | string; readonly nanos?: number }): bigint {
  return BigInt(d.seconds ?? 0) * 1_000_000_000n + BigInt(d.nanos ?? 0);
}

export function formatNanos(total: bigint): string {
  const negative = total < 0n;
  const abs = negative ? -total : total;
  return formatDuration({
    seconds: `${negative ? '-' : ''}${abs / 1_000_000_000n}`,
    nanos: Number(abs % 1_000_000_000n),
  });
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

export function readTimestamp(value: unknown): ScalarResult {
  const invalid = (why: string): ScalarResult => ({
    ok: false,
    name: 'envoy-invalid-timestamp',
    message: `cannot parse google.protobuf.Timestamp from JSON: ${describeValue(value)} (${why})`,
  });
  if (typeof value !== 'string') return invalid('expected an RFC 3339 string');
  const m = TIMESTAMP.exec(value);
  if (!m) return invalid('expected an RFC 3339 date-time such as "2024-01-31T12:00:00Z"');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const valid = year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) return invalid('no such date or time');
  const offsetMinutes = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const seconds = Math.floor(date.getTime() / 1000) - offsetMinutes * 60;
  const nanos = Number((m[7] ?? '').padEnd(9, '0'));
  const normalized: SecondsNanos = { seconds: String(seconds), nanos };
  const canonical = formatTimestamp(normalized);
  return canonical === value ? { ok: true, value: normalized } : { ok: true, value: normalized, nonCanonical: `the canonical form of this Timestamp is "${canonical}"` };
}

export function formatTimestamp(t: SecondsNanos): string {
  const iso = new Date(Number(t.seconds) * 1000).toISOString(); // 2024-01-31T12:00:00.000Z
  return `${iso.slice(0, 19)}${fraction(t.nanos)}Z`;
}
