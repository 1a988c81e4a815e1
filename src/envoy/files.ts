/**
 * A file an output needs next to its bootstrap, as data: the policies and the sidecar builders
 * make them (file-based SDS secrets, the rate-limit service's config, the mesh's monitoring
 * files), emit serializes them. Here so that emit need not name the policies.
 */
export interface SidecarFile {
  /** Relative to the sidecar's output directory (or the mesh's, for the mesh's own files). */
  readonly path: string;
  readonly content: unknown;
}
