/**
 * The wire side of ADS: Envoy's AggregatedDiscoveryService (envoy/service/discovery/v3/ads.proto)
 * as a grpc-js service definition, with messages encoded and decoded by protobufjs from the same
 * API descriptor the checker uses, so no second copy of the protos is loaded.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { envoySchema } from '../check/api/load.js';

export const ADS_SERVICE_NAME = 'envoy.service.discovery.v3.AggregatedDiscoveryService';

export interface NodeInfo {
  readonly id: string;
  readonly cluster: string;
  readonly user_agent_name?: string;
}

export interface ErrorDetail {
  readonly code: number;
  readonly message: string;
}

export interface DiscoveryRequest {
  readonly version_info: string;
  readonly node?: NodeInfo | null;
  readonly resource_names: readonly string[];
  readonly type_url: string;
  readonly response_nonce: string;
  /** null when unset (protobufjs' defaults). */
  readonly error_detail?: ErrorDetail | null;
}

export interface PackedAny {
  readonly type_url: string;
  readonly value: Uint8Array;
}

export interface DiscoveryResponse {
  readonly version_info: string;
  readonly resources: readonly PackedAny[];
  readonly type_url: string;
  readonly nonce: string;
  readonly control_plane?: { readonly identifier: string };
}

export interface DeltaDiscoveryRequest {
  readonly node?: NodeInfo | null;
  readonly type_url: string;
  readonly resource_names_subscribe: readonly string[];
  readonly resource_names_unsubscribe: readonly string[];
  readonly initial_resource_versions: Readonly<Record<string, string>>;
  readonly response_nonce: string;
  /** null when unset (protobufjs' defaults). */
  readonly error_detail?: ErrorDetail | null;
}

export interface DeltaResource {
  readonly name: string;
  readonly version: string;
  readonly resource: PackedAny;
}

export interface DeltaDiscoveryResponse {
  readonly system_version_info: string;
  readonly resources: readonly DeltaResource[];
  readonly type_url: string;
  readonly removed_resources: readonly string[];
  readonly nonce: string;
  readonly control_plane?: { readonly identifier: string };
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true, arrays: true, objects: true };

function codec<T extends object>(typeName: string): { encode: (value: T) => Buffer; decode: (bytes: Buffer) => T } {
  const plan = envoySchema().message(typeName);
  if (!plan) throw new Error(`protocol: the API descriptor has no ${typeName}`);
  const type = plan.type;
  return {
    encode: (value) => Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish()),
    decode: (bytes) => type.toObject(type.decode(bytes), TO_OBJECT) as T,
  };
}

let cached: ServiceDefinition | undefined;

/** StreamAggregatedResources (state of the world) and DeltaAggregatedResources (incremental). */
export function adsServiceDefinition(): ServiceDefinition {
  if (cached) return cached;
  const sotwRequest = codec<DiscoveryRequest>('envoy.service.discovery.v3.DiscoveryRequest');
  const sotwResponse = codec<DiscoveryResponse>('envoy.service.discovery.v3.DiscoveryResponse');
  const deltaRequest = codec<DeltaDiscoveryRequest>('envoy.service.discovery.v3.DeltaDiscoveryRequest');
  const deltaResponse = codec<DeltaDiscoveryResponse>('envoy.service.discovery.v3.DeltaDiscoveryResponse');
  cached = {
    StreamAggregatedResources: {
      path: `/${ADS_SERVICE_NAME}/StreamAggregatedResources`,
      requestStream: true,
      responseStream: true,
      requestSerialize: sotwRequest.encode,
      requestDeserialize: sotwRequest.decode,
      responseSerialize: sotwResponse.encode,
      responseDeserialize: sotwResponse.decode,
    },
    DeltaAggregatedResources: {
      path: `/${ADS_SERVICE_NAME}/DeltaAggregatedResources`,
      requestStream: true,
      responseStream: true,
      requestSerialize: deltaRequest.encode,
      requestDeserialize: deltaRequest.decode,
      responseSerialize: deltaResponse.encode,
      responseDeserialize: deltaResponse.decode,
    },
  };
  return cached;
}
