/**
 * The bootstrap a proxyless application gives its gRPC library (GRPC_XDS_BOOTSTRAP, or inline in
 * GRPC_XDS_BOOTSTRAP_CONFIG). `node.cluster` is the service: meshc serve picks the snapshot by it.
 * `node.id` names the instance; it is the service here, for the deployment to override.
 * Certificates come from the files `meshc certs` writes, through the `file_watcher` provider
 * (gRFC A29), which rereads them after rotation.
 *
 * The channel to the control plane is mutual TLS (`tls` channel credentials, gRFC A65, in grpc-go
 * and grpc-java) unless `controlPlane.tls: off`; grpc-js-xds knows only `insecure`, so a Node.js
 * application needs a control plane on loopback with tls off. No insecure fallback is listed:
 * a client that cannot do TLS fails instead of downgrading.
 */
import { BUILTIN } from '../dsl/builtin.js';
import type { ControlPlaneIR, MeshIR, ServiceIR } from '../ir/types.js';

export function grpcBootstrap(mesh: MeshIR, service: ServiceIR, controlPlane: ControlPlaneIR): Record<string, unknown> {
  const files = certificateFiles(mesh, service);
  return {
    xds_servers: [
      {
        server_uri: `${controlPlane.host.includes(':') ? `[${controlPlane.host}]` : controlPlane.host}:${controlPlane.port}`,
        channel_creds: [controlPlane.mtlsIdentity === undefined || !files ? { type: 'insecure' } : { type: 'tls', config: files }],
        server_features: ['xds_v3'],
      },
    ],
    node: { id: service.name, cluster: service.name, locality: {}, metadata: { mesh: mesh.name, service: service.name } },
    ...(files
      ? {
          certificate_providers: {
            [BUILTIN.grpc.certificateProvider]: {
              plugin_name: 'file_watcher',
              config: { ...files, refresh_interval: BUILTIN.grpc.certificateRefreshInterval },
            },
          },
        }
      : {}),
    server_listener_resource_name_template: BUILTIN.grpc.serverListenerTemplate,
  };
}

/** The service's certificate, key and trust bundle as `meshc certs` lays them out. */
function certificateFiles(mesh: MeshIR, service: ServiceIR): Record<string, string> | undefined {
  if (mesh.certificates.source !== 'files') return undefined;
  const dir = `${mesh.certificates.dir}/${service.name}/current`;
  return { certificate_file: `${dir}/cert.pem`, private_key_file: `${dir}/key.pem`, ca_certificate_file: `${dir}/ca.pem` };
}
