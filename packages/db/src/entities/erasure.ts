import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * Tombstone of an erased customer (LGPD Art. 18 VI): the id and when, nothing personal. Kept outside the
 * customer's partition and outside backups, so a restore can skip customers erased after the backup was taken.
 */
export const erasureSchema = createSchema({
  model: { service: 'cadastro', entity: 'erasure', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    erasedAt: { type: 'string', required: true, readOnly: true },
    requestedBy: { type: ['customer', 'operator', 'service'] as const, required: true, readOnly: true },
    /**
     * `erasing` from the moment an erasure starts until every step is done, then `erased`. Tombstones written
     * before this attribute existed were written last, so a missing one means `erased`.
     */
    state: { type: ['erasing', 'erased'] as const },
  },
  indexes: {
    /** All tombstones in one partition, so a restore reads them with one paginated Query. */
    all: {
      pk: { field: 'pk', composite: [] },
      sk: { field: 'sk', composite: ['customerId'] },
    },
  },
});

export const erasureEntity = (config: EntityConfiguration) => new Entity(erasureSchema, config);
export type ErasureEntity = ReturnType<typeof erasureEntity>;
export type ErasureItem = EntityItem<ErasureEntity>;
