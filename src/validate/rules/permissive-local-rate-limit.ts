/**
 * With `mtls: permissive` the inbound listener has two filter chains, mutual TLS and plaintext,
 * each with its own connection manager, and Envoy keeps one HTTP local rate-limit bucket per
 * filter config: the declared rate holds per chain, so up to twice as many requests get in.
 * The HTTP filter has no way to share a bucket (the TCP one has `share_key`, which meshc sets).
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allRateLimits } from '../walk.js';

export const permissiveLocalRateLimit: Rule = {
  id: 'permissive-local-rate-limit',
  scope: 'service',
  check({ model, report }) {
    const meshMtls = model.mesh?.value.mtls ?? 'strict';
    for (const { service, limit, at } of allRateLimits(model)) {
      const local = limit.local;
      if (!local || service.spec.protocol === 'tcp' || (service.spec.mtls ?? meshMtls) !== 'permissive') continue;
      report('permissive-local-rate-limit', {
        at: refAt(at, 'local'),
        target: 'key',
        message: `"${service.name}" takes mutual TLS and plaintext on two filter chains, each with its own bucket: up to ${2 * local.requests} requests per ${local.per} get in, not ${local.requests}`,
        hint: 'set mtls: strict once every caller has a certificate, or count with rateLimit.global, which counts in one place',
      });
    }
  },
};
