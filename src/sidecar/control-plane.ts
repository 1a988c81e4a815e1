/**
 * The sidecar's cluster to `meshc serve` (gRPC, so HTTP/2). With mutual TLS (the default) the
 * sidecar presents its own SDS identity, which is how the server knows which service's
 * configuration it may hand out, and accepts only the server's SPIFFE ID.
 */
import { names } from '../envoy/names.js';
import type { Cluster } from '../envoy/types.js';
import type { ControlPlaneIR, MeshIR } from '../ir/types.js';
import { withMeshTls } from '../policies/mtls.js';
import { ownCluster } from '../policies/own-cluster.js';

export function controlPlaneCluster(mesh: MeshIR, controlPlane: ControlPlaneIR): Cluster {
  const cluster = ownCluster(names.controlPlaneCluster, { host: controlPlane.host, port: controlPlane.port }, { http2: true });
  return withMeshTls(mesh, cluster, controlPlane.mtlsIdentity, true);
}
