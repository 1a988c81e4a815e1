/**
 * The semantic rules, in the order they run. Whole-mesh structure first (duplicates, missing
 * blocks), then references, then per-service shape, then lints (warnings) last.
 */
import type { Rule } from '../context.js';
import type { Feature } from '../../features/feature.js';
import { FEATURES } from '../../features/index.js';
import { duplicateService } from './duplicate-service.js';
import { duplicateBlock } from './duplicate-block.js';
import { missingMesh } from './missing-mesh.js';
import { emptyMesh } from './empty-mesh.js';
import { certificateSourceFields } from './certificate-source-fields.js';
import { unknownService } from './unknown-service.js';
import { unknownVersion } from './unknown-version.js';
import { duplicateCall } from './duplicate-call.js';
import { noVersions } from './no-versions.js';
import { versionWithoutEndpoints } from './version-without-endpoints.js';
import { conflictingFields } from './conflicting-fields.js';
import { invalidIp } from './invalid-ip.js';
import { invalidSourceIp } from './invalid-source-ip.js';
import { zoneWithoutEffect } from './zone-without-effect.js';
import { invalidHostname } from './invalid-hostname.js';
import { duplicateEndpoint } from './duplicate-endpoint.js';
import { localPortConflict } from './local-port-conflict.js';
import { sidecarPortConflict } from './sidecar-port-conflict.js';
import { missingRouteAction } from './missing-route-action.js';
import { missingDefaultRoute } from './missing-default-route.js';
import { duplicateRouteName } from './duplicate-route-name.js';
import { splitWeights } from './split-weights.js';
import { invalidRegex } from './invalid-regex.js';
import { httpFeatureOnTcp } from './http-feature-on-tcp.js';
import { invalidLoadBalancer } from './invalid-load-balancer.js';
import { invalidHealthCheck } from './invalid-health-check.js';
import { shadowedRoute } from './shadowed-route.js';
import { noCatchAllRoute } from './no-catch-all-route.js';
import { durationOutOfRange } from './duration-out-of-range.js';
import { outlierDetectionWithoutDetector } from './outlier-detection-without-detector.js';
import { underscoreHeaderUnreachable } from './underscore-header-unreachable.js';
import { invalidAddress } from './invalid-address.js';
import { authzRequiresMtls } from './authz-requires-mtls.js';
import { duplicateAuthzRuleName } from './duplicate-authz-rule-name.js';
import { invalidJwt } from './invalid-jwt.js';
import { credentialRateLimitKey } from './credential-rate-limit-key.js';
import { unboundJwtClaims } from './unbound-jwt-claims.js';
import { jwtWithoutAudience } from './jwt-without-audience.js';
import { plaintextMeshService } from './plaintext-mesh-service.js';
import { plaintextControlPlane } from './plaintext-control-plane.js';
import { proxylessNeedsControlPlane } from './proxyless-needs-control-plane.js';
import { proxylessUnsupported } from './proxyless-unsupported.js';
import { ignoredByGrpc } from './ignored-by-grpc.js';
import { circuitBreakerBlocksTraffic } from './circuit-breaker-blocks-traffic.js';
import { permissiveLocalRateLimit } from './permissive-local-rate-limit.js';
import { rateLimitServiceMissing } from './rate-limit-service-missing.js';
import { authzRuleMatchesNothing } from './authz-rule-matches-nothing.js';
import { callerDeniedByAuthz } from './caller-denied-by-authz.js';

/** The rules of this folder; the feature units' rules follow them (diagnostics are sorted by position anyway). */
const CORE_RULES: readonly Rule[] = [
  duplicateService,
  duplicateBlock,
  missingMesh,
  emptyMesh,
  certificateSourceFields,
  unknownService,
  unknownVersion,
  duplicateCall,
  noVersions,
  versionWithoutEndpoints,
  conflictingFields,
  durationOutOfRange,
  invalidIp,
  zoneWithoutEffect,
  invalidHostname,
  invalidAddress,
  duplicateEndpoint,
  localPortConflict,
  sidecarPortConflict,
  missingRouteAction,
  missingDefaultRoute,
  duplicateRouteName,
  splitWeights,
  invalidRegex,
  httpFeatureOnTcp,
  underscoreHeaderUnreachable,
  authzRequiresMtls,
  duplicateAuthzRuleName,
  invalidJwt,
  invalidSourceIp,
  unboundJwtClaims,
  jwtWithoutAudience,
  rateLimitServiceMissing,
  credentialRateLimitKey,
  plaintextMeshService,
  plaintextControlPlane,
  proxylessNeedsControlPlane,
  proxylessUnsupported,
  invalidLoadBalancer,
  invalidHealthCheck,
  shadowedRoute,
  noCatchAllRoute,
  circuitBreakerBlocksTraffic,
  permissiveLocalRateLimit,
  outlierDetectionWithoutDetector,
  authzRuleMatchesNothing,
  callerDeniedByAuthz,
  ignoredByGrpc,
];

export const RULES: readonly Rule[] = Object.freeze([...CORE_RULES, ...FEATURES.flatMap((f: Feature) => f.rules)]);
