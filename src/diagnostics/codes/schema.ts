/** MC1xxx: YAML and schema problems in mesh files. */
import type { CodeEntry } from './entry.js';

export const SCHEMA_CODES = [
  {
    code: 'MC1001',
    name: 'yaml-syntax',
    severity: 'error',
    summary: 'The file is not valid YAML.',
  },
  {
    code: 'MC1002',
    name: 'duplicate-key',
    severity: 'error',
    summary: 'A mapping has the same key twice.',
  },
  {
    code: 'MC1003',
    name: 'unsupported-api-version',
    severity: 'error',
    summary: 'apiVersion is missing or not one this meshc understands.',
  },
  {
    code: 'MC1010',
    name: 'unknown-field',
    severity: 'error',
    summary: 'A key that the language does not define.',
  },
  {
    code: 'MC1011',
    name: 'wrong-type',
    severity: 'error',
    summary: 'A value of the wrong type (a string where a number is expected, a list where a map is expected).',
  },
  {
    code: 'MC1012',
    name: 'missing-field',
    severity: 'error',
    summary: 'A required field is absent.',
  },
  {
    code: 'MC1013',
    name: 'invalid-value',
    severity: 'error',
    summary: 'A value outside the allowed set (an unknown protocol, retry condition or policy name).',
  },
  {
    code: 'MC1014',
    name: 'invalid-duration',
    severity: 'error',
    summary: 'A duration that is not written as a number followed by ms, s, m or h.',
  },
  {
    code: 'MC1015',
    name: 'invalid-name',
    severity: 'error',
    summary: 'A service, version or mesh name that is not a DNS label.',
  },
  {
    code: 'MC1016',
    name: 'invalid-format',
    severity: 'error',
    summary: 'A string that does not have the required shape (a path not starting with /, a bad header name).',
  },
  {
    code: 'MC1017',
    name: 'out-of-range',
    severity: 'error',
    summary: 'A number outside its allowed range, or a list that is too short.',
  },
] as const satisfies readonly CodeEntry[];
