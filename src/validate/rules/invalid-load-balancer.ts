/** `hashOn` goes with ring-hash or maglev, and those need exactly one hash key. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

const HASHING = new Set(['ring-hash', 'maglev']);

export const invalidLoadBalancer: Rule = {
  id: 'invalid-load-balancer',
  scope: 'service',
  check({ model, report }) {
    const located = [
      ...(model.defaults ? [{ lb: model.defaults.value.loadBalancer, at: model.defaults.at }] : []),
      ...model.services.map((s) => ({ lb: s.spec.loadBalancer, at: s.at })),
    ];
    for (const { lb, at } of located) {
      if (lb === undefined) continue;
      const lbAt = refAt(at, 'loadBalancer');
      const policy = typeof lb === 'string' ? lb : lb.policy;
      const keys = typeof lb === 'string' ? [] : Object.keys(lb.hashOn ?? {});
      if (!HASHING.has(policy) && typeof lb === 'object' && (lb.hashOn !== undefined || lb.minRingSize !== undefined)) {
        report('invalid-load-balancer', {
          at: refAt(lbAt, lb.hashOn !== undefined ? 'hashOn' : 'minRingSize'),
          target: 'key',
          message: `${lb.hashOn !== undefined ? 'hashOn' : 'minRingSize'} has no effect with policy ${policy}`,
          hint: 'use policy ring-hash or maglev to hash, or remove it',
        });
      } else if (HASHING.has(policy) && keys.length !== 1) {
        report('invalid-load-balancer', {
          at: typeof lb === 'string' ? lbAt : refAt(lbAt, keys.length === 0 ? 'policy' : 'hashOn'),
          target: typeof lb === 'string' ? 'value' : 'key',
          message: keys.length === 0 ? `${policy} needs a hashOn key` : `hashOn takes one key, got ${keys.join(', ')}`,
          hint: 'e.g. `loadBalancer: {policy: ring-hash, hashOn: {header: x-user-id}}`',
        });
      }
      if (policy === 'maglev' && typeof lb === 'object' && lb.minRingSize !== undefined) {
        report('invalid-load-balancer', {
          at: refAt(lbAt, 'minRingSize'),
          target: 'key',
          message: 'minRingSize applies to ring-hash only; maglev has a fixed table size',
        });
      }
    }
  },
};
