import type { ApiKeyItem } from './entities/api-key.ts';
import { type DbService, HOT_PATH } from './service.ts';

export function createApiKeyRepository(db: DbService) {
  const { apiKey } = db.entities;

  return {
    async get(keyId: string): Promise<ApiKeyItem | null> {
      const { data } = await apiKey.get({ keyId }).go(HOT_PATH);
      return data;
    },
    /** Every key, revoked ones too (with `revokedAt`), newest first. */
    async list(): Promise<ApiKeyItem[]> {
      const { data } = await apiKey.query.all({}).go({ pages: 'all', order: 'desc' });
      return data;
    },
    /** Records that the key authenticated a request. */
    async touch(keyId: string, now = new Date()): Promise<void> {
      await apiKey.patch({ keyId }).set({ lastUsedAt: now.toISOString() }).go();
    },
    async create(item: Omit<ApiKeyItem, 'revokedAt' | 'lastUsedAt'>): Promise<ApiKeyItem> {
      await apiKey.create(item).go();
      return item;
    },
    /** Revokes a key; false when there is no such key. Revoking twice keeps the first time. */
    async revoke(keyId: string, now = new Date()): Promise<boolean> {
      const current = await this.get(keyId);
      if (!current) return false;
      if (!current.revokedAt) await apiKey.patch({ keyId }).set({ revokedAt: now.toISOString() }).go();
      return true;
    },
  };
}
export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
