/** Inbound: server-side limits of a service's own sidecar, for all its callers together. */
import { defineFeature } from '../feature.js';
import { inboundLowering } from './lower.js';
import { resolveInbound } from './resolve.js';
import { inboundSchema } from './schema.js';

export const inbound = defineFeature({
  id: 'inbound',
  schema: inboundSchema,
  codes: [],
  rules: [],
  httpOnly: ['inbound.timeout'],
  grpcServerIgnores: ['inbound'],
  resolveService: resolveInbound,
  lower: inboundLowering,
});

export type { InboundSpec } from './schema.js';
export type { InboundIR } from './ir.js';
