/** `dns` names a host Envoy resolves: a DNS name, optionally with a port. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { parseDnsTarget } from '../../dsl/endpoint.js';
import { allVersions } from '../walk.js';

export const invalidHostname: Rule = {
  id: 'invalid-hostname',
  scope: 'service',
  check({ model, report }) {
    for (const { version, at } of allVersions(model)) {
      if (version.dns === undefined) continue;
      const parsed = parseDnsTarget(version.dns);
      if (parsed.ok) continue;
      report('invalid-hostname', {
        at: refAt(at, 'dns'),
        message: parsed.reason,
        hint: 'write a host name such as cart.internal or cart.internal:8443',
      });
    }
  },
};
