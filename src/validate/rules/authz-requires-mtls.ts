/**
 * Authorization by caller identity needs mTLS: without it no caller has a verified identity.
 * An authz with neither an allow list nor deny rules (`{ deny: [] }`) decides nothing, so it is
 * how a service turns the mesh-wide default authz off.
 */
import type { Rule } from '../context.js';
import { effectiveAuthz, hasAllowList, refAt } from '../../dsl/model.js';
import type { AuthzSpec } from '../../dsl/schema.js';

export const authzRequiresMtls: Rule = {
  id: 'authz-requires-mtls',
  scope: 'service',
  check({ model, report }) {
    const meshMtls = model.mesh?.value.mtls ?? 'strict';
    for (const service of model.services) {
      const authz = effectiveAuthz(model, service);
      if (!authz || !decides(authz.spec)) continue;
      const mtls = service.spec.mtls ?? meshMtls;
      if (mtls !== 'off') continue;
      const turnedOff = service.spec.mtls === 'off' ? [{ message: 'mTLS is turned off here', at: refAt(service.at, 'mtls') }] : [];
      report('authz-requires-mtls', {
        at: authz.inherited ? service.at : authz.at,
        target: 'key',
        message: `"${service.name}" has authz${authz.inherited ? ' (from defaults)' : ''} but mTLS is off, so callers' identities cannot be known`,
        hint: authz.inherited
          ? `turn mTLS on for "${service.name}", or give it an authz of its own (authz: { deny: [] } lets every request through)`
          : service.spec.mtls === 'off'
            ? 'remove `mtls: off` from the service'
            : "set mesh.mtls to strict (or permissive), or this service's mtls",
        related: authz.inherited ? [{ message: 'the default authz', at: authz.at, target: 'key' }, ...turnedOff] : turnedOff,
      });
    }
  },
};

/** Whether an authz refuses anything: an allow list (even empty) or a deny rule. */
function decides(spec: AuthzSpec): boolean {
  return hasAllowList(spec) || (!Array.isArray(spec) && (spec.deny ?? []).length > 0);
}
