import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A service API key. Only a SHA-256 of its secret is stored (the secret is 256 random bits, so a slow hash adds
 * nothing); the secret is shown once, when an operator creates the key. All keys in one partition.
 */
export const apiKeySchema = createSchema({
  model: { service: 'cadastro', entity: 'apiKey', version: '1' },
  attributes: {
    keyId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true, readOnly: true },
    secretHash: { type: 'string', required: true, readOnly: true },
    createdBy: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** `API_KEY_SCOPES` granted at creation; a key created before scopes existed has none and can do nothing. */
    scopes: { type: 'set', items: 'string', readOnly: true },
    /** ISO time after which the key is refused; absent: until revoked. */
    validUntil: { type: 'string', readOnly: true },
    /** When the key last authenticated a request (updated at most once a minute per server). */
    lastUsedAt: { type: 'string' },
    revokedAt: { type: 'string' },
  },
  indexes: {
    all: {
      pk: { field: 'pk', composite: [] },
      sk: { field: 'sk', composite: ['keyId'] },
    },
  },
});

export const apiKeyEntity = (config: EntityConfiguration) => new Entity(apiKeySchema, config);
export type ApiKeyEntity = ReturnType<typeof apiKeyEntity>;
export type ApiKeyItem = EntityItem<ApiKeyEntity>;
