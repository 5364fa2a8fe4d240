/** Crockford's base 32: no I, L, O or U, so a protocol read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * The registration protocol shown to the customer (`CAD-7K3M-9QX2`): 40 bits of a 64-bit FNV-1a hash of the
 * customer id, in Crockford base 32. Derived, never stored: the same id always gives the same protocol. A
 * reference for people to quote, not a key (the id stays the key).
 */
export function protocolOf(customerId: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(customerId)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  let chars = '';
  for (let i = 0; i < 8; i++) {
    chars += ALPHABET[Number((hash >> BigInt(5 * i)) & 31n)];
  }
  return `CAD-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
