/**
 * Enum values as Envoy reads them: the value's name, matched case-insensitively (Envoy parses
 * with protobuf's `case_insensitive_enum_parsing`, which upper-cases the input and reads "-" as
 * "_"), or its number.
 */
import type { EnumPlan } from '../api/schema.js';
import { closest } from '../../diagnostics/suggest.js';
import type { ScalarResult } from './scalars.js';
import { wrongType } from './scalars.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The value as its canonical name, or as a number when it names no value (proto3 enums are open). */
export function readEnum(en: EnumPlan, value: unknown): ScalarResult {
  if (typeof value === 'string') {
    if (en.numberOf.has(value)) return { ok: true, value };
    const byCase = en.byUpperCase.get(value.toUpperCase().replace(/-/g, '_'));
    if (byCase !== undefined) {
      return { ok: true, value: byCase, nonCanonical: `enum names are written exactly: "${byCase}"` };
    }
    const guess = closest(value, en.names);
    return {
      ok: false,
      name: 'envoy-invalid-enum',
      message: `cannot parse enum ${en.fullName} from JSON: ${JSON.stringify(value)} is not one of its names` + (guess ? ` (did you mean "${guess}"?)` : ''),
    };
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) {
    const name = en.nameOf.get(value);
    const nonCanonical = `enum values are written by name in proto3 JSON${name ? `: "${name}"` : ''}`;
    return { ok: true, value: name ?? value, nonCanonical };
  }
  return wrongType(`enum name (${en.fullName})`, value);
}

/** The number of a normalized enum value (a name or a number). */
export function enumNumber(en: EnumPlan, value: unknown): number {
  return typeof value === 'number' ? value : (en.numberOf.get(value as string) ?? 0);
}
