/** A global rate limit is counted by the mesh's rate-limit service, which must be declared. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allRateLimits } from '../walk.js';

export const rateLimitServiceMissing: Rule = {
  id: 'rate-limit-service-missing',
  scope: 'service',
  check({ model, report }) {
    if (model.mesh?.value.rateLimitService) return;
    for (const { limit, at } of allRateLimits(model)) {
      if (!limit.global) continue;
      report('rate-limit-service-missing', {
        at: refAt(at, 'global'),
        target: 'key',
        message: 'a global rate limit needs mesh.rateLimitService',
        hint: 'add `rateLimitService: { address: <host>:<port> }` to the mesh block (envoyproxy/ratelimit)',
      });
    }
  },
};
