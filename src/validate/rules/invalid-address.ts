/**
 * A `host:port` the sidecar connects to (SDS server, rate-limit service, tracing collector):
 * the port must be a TCP port and the host an IP literal or a DNS name, or Envoy refuses the
 * cluster (port 0 is not a destination). Found through the schema, wherever such a field is.
 */
import type { Rule } from '../context.js';
import { hasPattern, valuesWhere } from '../../dsl/schema-walk.js';
import { HOST_PORT, MeshDocument } from '../../dsl/schema.js';
import { hostPortProblem } from '../../dsl/endpoint.js';

export const invalidAddress: Rule = {
  id: 'invalid-address',
  scope: 'document',
  check({ model, report }) {
    for (const { parsed, value } of model.documents) {
      for (const found of valuesWhere(MeshDocument, value, (s) => hasPattern(s, HOST_PORT))) {
        const problem = hostPortProblem(String(found.value));
        if (problem) report('invalid-address', { at: { doc: parsed, path: found.path }, message: problem, hint: 'write host:port, e.g. ratelimit.internal:8081 or 10.0.0.5:8081' });
      }
    }
  },
};
