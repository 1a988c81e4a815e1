/** Private or symmetric key members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The private or secret members a JWK holds (none for a public key or a non-object). */
export function privateJwkMembers(key: unknown): string[] {
  return typeof key === 'object' && key !== null ? PRIVATE_JWK_MEMBERS.filter((m) => m in key) : [];
}

/** The keys of a JWKS document, or undefined when the text is not JSON with a `keys` list. */
export function jwksKeys(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const keys = typeof parsed === 'object' && parsed !== null ? (parsed as { keys?: unknown }).keys : undefined;
    return Array.isArray(keys) ? keys : undefined;
  } catch {
    return undefined;
  }
}
