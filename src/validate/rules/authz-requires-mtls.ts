/** Authorization by caller identity needs mTLS: without it no caller has a verified identity. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const authzRequiresMtls: Rule = {
  id: 'authz-requires-mtls',
  scope: 'service',
  check({ model, report }) {
    const meshMtls = model.mesh?.value.mtls ?? 'strict';
    for (const service of model.services) {
      if (!service.spec.authz) continue;
      const mtls = service.spec.mtls ?? meshMtls;
      if (mtls !== 'off') continue;
      report('authz-requires-mtls', {
        at: refAt(service.at, 'authz'),
        target: 'key',
        message: `"${service.name}" has authz but mTLS is off, so callers' identities cannot be known`,
        hint: service.spec.mtls === 'off' ? 'remove `mtls: off` from the service' : "set mesh.mtls to strict (or permissive), or this service's mtls",
        related: service.spec.mtls === 'off' ? [{ message: 'mTLS is turned off here', at: refAt(service.at, 'mtls') }] : [],
      });
    }
  },
};
