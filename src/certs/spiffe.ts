/**
 * SPIFFE identities of the mesh. One place formats them, so the certificates meshc issues and
 * the SAN matchers the compiler emits can never disagree.
 */

/** The SPIFFE ID of the trust domain itself, carried by the mesh CA: `spiffe://shop.example`. */
export function trustDomainId(trustDomain: string): string {
  return `spiffe://${trustDomain}`;
}

/** The workload identity of a service: `spiffe://shop.example/svc/catalog`. */
export function spiffeId(trustDomain: string, service: string): string {
  return `${trustDomainId(trustDomain)}/svc/${service}`;
}
