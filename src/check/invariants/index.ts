/**
 * The load-time invariants Envoy enforces beyond the protos, in the order they run: names and
 * addresses first, then chains and filters, then references between resources, then sizes.
 */
import type { Invariant } from './context.js';
import { duplicateListener } from './duplicate-listener.js';
import { duplicateListenerAddress } from './duplicate-listener-address.js';
import { incompleteListener } from './incomplete-listener.js';
import { duplicateCluster } from './duplicate-cluster.js';
import { duplicateResource } from './duplicate-resource.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';
import { staticClusterHostname } from './static-cluster-hostname.js';
import { logicalDnsEndpoint } from './logical-dns-endpoint.js';
import { duplicateFilterChainMatch } from './duplicate-filter-chain-match.js';
import { networkFilterOrder } from './network-filter-order.js';
import { httpFilterOrder } from './http-filter-order.js';
import { duplicateDomain } from './duplicate-domain.js';
import { invalidClusterWeights } from './invalid-cluster-weights.js';
import { invalidRegex } from './invalid-regex.js';
import { unmodifiableHeader } from './unmodifiable-header.js';
import { inlinePrivateKey } from './inline-private-key.js';
import { unknownCluster } from './unknown-cluster.js';
import { unknownRouteConfig } from './unknown-route-config.js';
import { unknownEndpoints } from './unknown-endpoints.js';
import { unknownSecret } from './unknown-secret.js';
import { missingAdsConfig } from './missing-ads-config.js';
import { loadAssignmentName } from './load-assignment-name.js';
import { messageSize } from './message-size.js';

export const INVARIANTS: readonly Invariant[] = Object.freeze([
  duplicateListener,
  duplicateListenerAddress,
  incompleteListener,
  duplicateCluster,
  duplicateResource,
  resourceTypeMismatch,
  staticClusterHostname,
  logicalDnsEndpoint,
  duplicateFilterChainMatch,
  networkFilterOrder,
  httpFilterOrder,
  duplicateDomain,
  invalidClusterWeights,
  invalidRegex,
  unmodifiableHeader,
  inlinePrivateKey,
  unknownCluster,
  unknownRouteConfig,
  unknownEndpoints,
  unknownSecret,
  missingAdsConfig,
  loadAssignmentName,
  messageSize,
]);
