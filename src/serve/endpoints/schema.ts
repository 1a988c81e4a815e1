/**
 * Endpoint files, the hook for any registry (a Terraform output, a Cloud Map or Consul export
 * job, a Kubernetes controller): the workloads of service versions, given apart from the mesh
 * and served as EDS, so that a change of instances touches no cluster and no listener.
 *
 *   apiVersion: meshc/v1
 *   endpoints:
 *     catalog:
 *       v1:
 *         - { address: 10.0.1.7, weight: 2, zone: eu-west-1a }
 *         - { address: 10.0.1.8, health: draining }
 */
import * as z from 'zod';
import { DNS_LABEL, VERSION_NAME } from '../../dsl/schema.js';

export const ENDPOINT_HEALTH = ['healthy', 'draining'] as const;

const FileEndpoint = z.strictObject({
  address: z.string().meta({ description: 'An IP literal: the workload\u2019s sidecar.' }),
  port: z.int().min(1).max(65535).optional().meta({ description: 'Where its sidecar listens (default mesh.sidecar.inboundPort).' }),
  weight: z.int().min(1).max(1000).optional().meta({ description: 'Relative load-balancing weight.' }),
  zone: z.string().min(1).optional().meta({
    description: 'The locality Envoy reports the endpoint in (admin /clusters, stats); sidecars do not prefer their own zone (see MC2145).',
  }),
  health: z.enum(ENDPOINT_HEALTH).optional().meta({ description: 'healthy (default), or draining: no new requests, existing ones finish.' }),
});

export const EndpointsDocument = z.strictObject({
  apiVersion: z.literal('meshc/v1'),
  endpoints: z.record(z.string().regex(DNS_LABEL), z.record(z.string().regex(VERSION_NAME), z.array(FileEndpoint))),
});

export type EndpointsDocument = z.infer<typeof EndpointsDocument>;
export type FileEndpoint = z.infer<typeof FileEndpoint>;
