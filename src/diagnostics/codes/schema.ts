/** MC1xxx: YAML and schema problems in mesh files. */
import type { CodeEntry } from './entry.js';

export const SCHEMA_CODES = [
  {
    code: 'MC1001',
    name: 'yaml-syntax',
    severity: 'error',
    summary: 'The file is not valid YAML.',
    doc: 'The YAML parser could not read the file. The position points at the first character it could not make sense of; the message carries the parser\'s own explanation (for example a bad indentation or an unclosed quote). Nothing else in the file is checked until it parses.',
  },
  {
    code: 'MC1002',
    name: 'duplicate-key',
    severity: 'error',
    summary: 'A mapping has the same key twice.',
    doc: 'YAML allows a key only once per mapping. Most parsers silently keep the last value, which hides mistakes such as two `services.catalog` blocks; meshc refuses the file instead. Merge the two entries or rename one.',
  },
  {
    code: 'MC1003',
    name: 'unsupported-api-version',
    severity: 'error',
    summary: 'apiVersion is missing or not one this meshc understands.',
    doc: 'Every mesh document starts with `apiVersion: meshc/v1`. The version tells meshc which language the file is written in, so that a future `meshc/v2` can change meaning without silently misreading old files.',
  },
  {
    code: 'MC1010',
    name: 'unknown-field',
    severity: 'error',
    summary: 'A key that the language does not define.',
    doc: 'Every object in the mesh language has a closed set of fields. An unknown key is almost always a typo (`timout`, `retrys`) that would otherwise be ignored; the hint names the closest known field.',
  },
  {
    code: 'MC1011',
    name: 'wrong-type',
    severity: 'error',
    summary: 'A value of the wrong type (a string where a number is expected, a list where a map is expected).',
    doc: 'The value at this position has the wrong type. Remember that YAML reads `8080` as a number and `"8080"` as a string, and that an empty value (`key:` with nothing after it) is null.',
  },
  {
    code: 'MC1012',
    name: 'missing-field',
    severity: 'error',
    summary: 'A required field is absent.',
    doc: 'The object at this position needs the named field. For example every service needs `protocol`, `port` and `versions`, and every document needs `apiVersion`.',
  },
  {
    code: 'MC1013',
    name: 'invalid-value',
    severity: 'error',
    summary: 'A value outside the allowed set (an unknown protocol, retry condition or policy name).',
    doc: 'The field takes one of a fixed set of values, listed in the message. The hint names the closest allowed value when there is one.',
  },
  {
    code: 'MC1014',
    name: 'invalid-duration',
    severity: 'error',
    summary: 'A duration that is not written as a number followed by ms, s, m or h.',
    doc: 'Durations are strings such as `250ms`, `1s`, `1.5s`, `2m` or `1m30s`. A bare number is refused because its unit would be a guess.',
  },
  {
    code: 'MC1015',
    name: 'invalid-name',
    severity: 'error',
    summary: 'A service, version or mesh name that is not a DNS label.',
    doc: 'Names become parts of Envoy resource names, stats and SPIFFE identities, so they must be DNS labels: lowercase letters, digits and `-`, starting with a letter, ending with a letter or digit, at most 63 characters.',
  },
  {
    code: 'MC1016',
    name: 'invalid-format',
    severity: 'error',
    summary: 'A string that does not have the required shape (a path not starting with /, a bad header name).',
    doc: 'The string at this position must match a format given in the message: request paths start with `/`, header names are HTTP tokens, trust domains are DNS names.',
  },
  {
    code: 'MC1017',
    name: 'out-of-range',
    severity: 'error',
    summary: 'A number outside its allowed range, or a list that is too short.',
    doc: 'The number is below the minimum or above the maximum the field allows (ports are 1–65535, percentages 0–100, retry attempts 0–10), or it must be a whole number; or a list needs at least one entry.',
  },
] as const satisfies readonly CodeEntry[];
