/**
 * What a proxyless gRPC application cannot do, where dropping the feature would change what the
 * mesh promises: gRPC speaks only gRPC (to and from the service), has no JWT filter (a token
 * requirement left out would let every request in), no TLS inspector (permissive mTLS cannot
 * tell TLS from plaintext), and no SDS (certificates come from files, gRFC A29 file_watcher).
 * Features gRPC merely ignores are warnings (ignored-by-grpc).
 */
import type { Rule, RuleContext } from '../context.js';
import { calledService, refAt, type MeshModel, type ServiceDefinition } from '../../dsl/model.js';
import { BUILTIN } from '../../dsl/builtin.js';

export const proxylessUnsupported: Rule = {
  id: 'proxyless-unsupported',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.proxy !== 'grpc') continue;
      checkProtocols(model, service, report);
      checkInboundSecurity(model, service, report);
      checkCertificateSource(model, service, report);
    }
  },
};

type Report = RuleContext['report'];

function checkProtocols(model: MeshModel, service: ServiceDefinition, report: Report): void {
  const { spec } = service;
  if (spec.protocol !== 'grpc') {
    report('proxyless-unsupported', {
      at: refAt(service.at, 'protocol'),
      message: `"${service.name}" is proxyless (proxy: grpc) but speaks ${spec.protocol}: a gRPC application's xDS client carries only gRPC`,
      hint: 'use protocol grpc, or `proxy: envoy` (the default) for a sidecar',
    });
  }
  (spec.calls ?? []).forEach((call, index) => {
    const callee = model.serviceByName.get(calledService(call));
    if (!callee || callee.spec.protocol === 'grpc') return;
    report('proxyless-unsupported', {
      at: refAt(service.at, 'calls', index),
      message: `proxyless "${service.name}" calls "${callee.name}", which speaks ${callee.spec.protocol}: its gRPC channels reach only gRPC services`,
      hint: `give "${service.name}" a sidecar (proxy: envoy), or make "${callee.name}" a gRPC service`,
    });
  });
}

function checkInboundSecurity(model: MeshModel, service: ServiceDefinition, report: Report): void {
  const { spec } = service;
  if (spec.jwt) {
    report('proxyless-unsupported', {
      at: refAt(service.at, 'jwt'),
      target: 'key',
      message: `proxyless "${service.name}" cannot verify JWTs: gRPC servers have no JWT filter, and leaving it out would admit requests without a token`,
      hint: 'verify the token in the application, or give the service a sidecar (proxy: envoy)',
    });
  }
  const mtls = spec.mtls ?? model.mesh?.value.mtls ?? BUILTIN.mtls;
  if (mtls === 'permissive') {
    const at = spec.mtls !== undefined ? refAt(service.at, 'mtls') : model.mesh && refAt(model.mesh.at, 'mtls');
    report('proxyless-unsupported', {
      at: at ?? refAt(service.at, 'proxy'),
      message: `proxyless "${service.name}" cannot accept both TLS and plaintext (mtls: permissive): gRPC servers have no TLS inspector to tell them apart`,
      hint: 'use `mtls: strict` on the service (or off, on a trusted network)',
    });
  }
}

function checkCertificateSource(model: MeshModel, service: ServiceDefinition, report: Report): void {
  const mesh = model.mesh;
  const source = mesh?.value.certificates?.source ?? BUILTIN.certificates.source;
  if (!mesh || source === 'files' || !usesMeshTls(model, service)) return;
  report('proxyless-unsupported', {
    at: refAt(service.at, 'proxy'),
    message: `proxyless "${service.name}" needs its mesh certificate as files, but certificates come from ${source}: gRPC has no SDS client`,
    hint: 'use `certificates: { source: files }` (meshc certs), or write the SVID to files (e.g. spiffe-helper) and point certificates.dir at them',
  });
}

/** The service presents its certificate: it accepts mTLS, or calls a service that does. */
function usesMeshTls(model: MeshModel, service: ServiceDefinition): boolean {
  const meshMtls = model.mesh?.value.mtls ?? BUILTIN.mtls;
  const tls = (s: ServiceDefinition) => (s.spec.mtls ?? meshMtls) !== 'off';
  return (
    tls(service) ||
    (service.spec.calls ?? []).some((call) => {
      const callee = model.serviceByName.get(calledService(call));
      return callee !== undefined && tls(callee);
    })
  );
}
