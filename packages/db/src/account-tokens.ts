import { createHash, randomBytes } from 'node:crypto';
import type { AccountTokenPurpose } from './entities/account-token.ts';
import type { DbService } from './service.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Single-use, short-lived tokens for links e-mailed to a customer. */
export function createAccountTokens(db: DbService) {
  const { accountToken } = db.entities;

  /** Earlier tokens of one purpose: a new link replaces them. */
  async function revokeAll(customerId: string, purpose: AccountTokenPurpose): Promise<void> {
    const { data } = await accountToken.query.byCustomer({ customerId, purpose }).go({ pages: 'all' });
    for (const item of data) await accountToken.delete(item).go();
  }

  return {
    /** A fresh token (32 random bytes, base64url) valid for `ttlSeconds`; only its hash is stored. */
    async issue(
      customerId: string,
      purpose: AccountTokenPurpose,
      { ttlSeconds, email, now = new Date() }: { ttlSeconds: number; email?: string; now?: Date },
    ): Promise<string> {
      await revokeAll(customerId, purpose);
      const token = randomBytes(32).toString('base64url');
      await accountToken
        .create({
          customerId,
          purpose,
          tokenHash: hashOf(token),
          email,
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
        })
        .go();
      return token;
    },

    /**
     * Uses a token up: deletes it and returns what it was issued for, or null when it is unknown, already used
     * or expired. The delete is the single use: of two concurrent uses only one gets the item back.
     */
    async consume(customerId: string, purpose: AccountTokenPurpose, token: string, now = new Date()) {
      const { data } = await accountToken
        .delete({ customerId, purpose, tokenHash: hashOf(token) })
        .go({ response: 'all_old' });
      if (!data || data.expiresAt * 1000 <= now.getTime()) return null;
      return { customerId: data.customerId, email: data.email ?? null };
    },

    revokeAll,
  };
}
export type AccountTokens = ReturnType<typeof createAccountTokens>;
