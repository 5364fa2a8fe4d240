import { createHmac } from 'node:crypto';

/**
 * A keyed hash of a normalised value: equal values give equal keys, so lookups and uniqueness work, but the key
 * reveals nothing without the server secret (a plain SHA-256 of a CPF is reversed by enumerating 10⁹ values).
 */
export function blindIndex(secret: string, kind: string, normalisedValue: string): string {
  return createHmac('sha256', secret).update(`${kind}:${normalisedValue}`).digest('base64url');
}
