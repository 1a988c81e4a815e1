/** `inbound`: limits a service's own sidecar applies to all its callers together. */
import * as z from 'zod';
import { Count, Duration } from '../../dsl/primitives.js';

const Inbound = z
  .strictObject({
    timeout: Duration.optional().meta({
      description: 'Longest the service may take to answer a request, whoever calls (default: none; each caller applies its route timeout).',
    }),
    maxConnections: Count.min(1).optional().meta({ description: 'Connections to the application, all callers together (default 1024).' }),
    maxPendingRequests: Count.min(1).optional().meta({ description: 'Requests waiting for a connection to the application (default 1024).' }),
    maxRequests: Count.min(1).optional().meta({ description: 'Requests in flight to the application, all callers together (default 1024).' }),
  })
  .meta({
    id: 'Inbound',
    description: 'Server-side limits: what the service\u2019s own sidecar allows all callers together, beside the policy each caller applies.',
  });

export const inboundSchema = {
  service: { inbound: Inbound.optional() },
};

export type InboundSpec = z.infer<typeof Inbound>;
