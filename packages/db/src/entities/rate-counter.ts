import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A rate limit's window shared by every server: how many hits a key (the SHA-256 of a client IP) made since
 * `windowStart` (epoch ms, the window's first hit). Counted with conditional writes, so concurrent servers never
 * lose a hit; DynamoDB's TTL removes it once the window is over.
 */
export const rateCounterSchema = createSchema({
  model: { service: 'cadastro', entity: 'rateCounter', version: '1' },
  attributes: {
    key: { type: 'string', required: true, readOnly: true },
    windowStart: { type: 'number', required: true },
    hits: { type: 'number', required: true },
    /** Epoch seconds: the window's end, for DynamoDB's TTL. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byKey: {
      pk: { field: 'pk', composite: ['key'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export const rateCounterEntity = (config: EntityConfiguration) => new Entity(rateCounterSchema, config);
export type RateCounterItem = EntityItem<ReturnType<typeof rateCounterEntity>>;
