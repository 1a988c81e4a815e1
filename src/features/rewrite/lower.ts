/**
 * A route's rewrite on the caller's route action: prefix_rewrite, regex_rewrite (RE2, as every
 * Envoy regex) and host_rewrite_literal. Envoy keeps the original path in x-envoy-original-path.
 */
import type { PolicyModule } from '../../policies/policy.js';

export const rewriteLowering: PolicyModule = {
  id: 'rewrite',
  order: 960,
  routeAction: ({ rewrite }) =>
    rewrite && {
      ...(rewrite.prefix !== undefined ? { prefix_rewrite: rewrite.prefix } : {}),
      ...(rewrite.regex ? { regex_rewrite: { pattern: { regex: rewrite.regex.pattern }, substitution: rewrite.regex.substitution } } : {}),
      ...(rewrite.host !== undefined ? { host_rewrite_literal: rewrite.host } : {}),
    },
};
