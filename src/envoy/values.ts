/** proto3 JSON spellings of meshc values. */
import type { Duration, FractionalPercent } from './types.js';

/** Milliseconds as a proto3 JSON Duration: 250 → "0.250s", 1000 → "1s", 0 → "0s". */
export function duration(ms: number): Duration {
  const seconds = Math.floor(ms / 1000);
  const millis = ms % 1000;
  return millis === 0 ? `${seconds}s` : `${seconds}.${String(millis).padStart(3, '0')}s`;
}

/**
 * A percentage (up to four decimals) as a FractionalPercent with the coarsest denominator
 * that represents it exactly.
 */
export function fractionalPercent(percent: number): FractionalPercent {
  if (Number.isInteger(percent)) return { numerator: percent, denominator: 'HUNDRED' };
  const perTenThousand = Math.round(percent * 100);
  if (Math.abs(perTenThousand - percent * 100) < 1e-9) return { numerator: perTenThousand, denominator: 'TEN_THOUSAND' };
  return { numerator: Math.round(percent * 10_000), denominator: 'MILLION' };
}
