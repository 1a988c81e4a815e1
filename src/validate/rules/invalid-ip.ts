/** Static endpoints are IP literals (with an optional port). */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { parseEndpoint } from '../../dsl/endpoint.js';
import { allVersions } from '../walk.js';

export const invalidIp: Rule = {
  id: 'invalid-ip',
  scope: 'service',
  check({ model, report }) {
    for (const { version, at } of allVersions(model)) {
      (version.endpoints ?? []).forEach((endpoint, index) => {
        const parsed = parseEndpoint(endpoint);
        if (parsed.ok) return;
        const endpointAt = refAt(at, 'endpoints', index);
        report('invalid-ip', {
          at: typeof endpoint === 'string' ? endpointAt : refAt(endpointAt, 'address'),
          message: parsed.reason,
          hint: 'endpoints are IP literals such as 10.0.0.1 or 10.0.0.1:15006; use `dns:` for host names',
        });
      });
    }
  },
};
