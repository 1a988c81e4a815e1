/**
 * Header changes on the caller's route to the callee: Envoy's request_headers_to_add/remove and
 * response_headers_to_add/remove of the Route. `add` appends a value (APPEND_IF_EXISTS_OR_ADD),
 * `set` replaces every value (OVERWRITE_IF_EXISTS_OR_ADD). Envoy reads a header value as a
 * substitution format where `%` starts a command and `%%` is a literal `%` (the formatter's
 * parser, source/common/formatter/); values are literal in the mesh language, so `%` is doubled.
 */
import type { ForwardingRoute, HeaderValueOption } from '../../envoy/types.js';
import type { PolicyModule } from '../../policies/policy.js';
import type { HeaderChangeIR } from './ir.js';

export const headersLowering: PolicyModule = {
  id: 'headers',
  order: 950,
  route: (route) => {
    if (!route.headers) return undefined;
    const { request, response } = route.headers;
    const fields: { -readonly [K in keyof ForwardingRoute]?: ForwardingRoute[K] } = {};
    const requestAdd = toAdd(request);
    const requestRemove = toRemove(request);
    const responseAdd = toAdd(response);
    const responseRemove = toRemove(response);
    if (requestAdd.length > 0) fields.request_headers_to_add = requestAdd;
    if (requestRemove.length > 0) fields.request_headers_to_remove = requestRemove;
    if (responseAdd.length > 0) fields.response_headers_to_add = responseAdd;
    if (responseRemove.length > 0) fields.response_headers_to_remove = responseRemove;
    return fields;
  },
};

function toAdd(changes: readonly HeaderChangeIR[]): HeaderValueOption[] {
  return changes.flatMap((c) =>
    c.operation === 'remove' || c.value === undefined
      ? []
      : [{ header: { key: c.name, value: c.value.replaceAll('%', '%%') }, append_action: c.operation === 'set' ? 'OVERWRITE_IF_EXISTS_OR_ADD' : 'APPEND_IF_EXISTS_OR_ADD' }],
  );
}

function toRemove(changes: readonly HeaderChangeIR[]): string[] {
  return changes.filter((c) => c.operation === 'remove').map((c) => c.name);
}
