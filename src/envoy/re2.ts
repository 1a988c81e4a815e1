/**
 * RE2 lives in src/regex/re2.ts, a leaf the DSL's rules and the checker share; this name is
 * kept for the feature units that import it (features/rewrite).
 */
export { envoyRegexError, type EnvoyRegexError } from '../regex/re2.js';
