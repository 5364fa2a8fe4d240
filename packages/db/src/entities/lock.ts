import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A named lease (e.g. `backup`): taken with a conditional put that succeeds only when nobody holds it or the
 * holder's lease has run out, so a crashed holder blocks others only until `expiresAt`. `expiresAt` is also the
 * table's TTL attribute, letting DynamoDB clear dead leases; code still compares it, as TTL deletes late.
 */
export const lockSchema = createSchema({
  model: { service: 'cadastro', entity: 'lock', version: '1' },
  attributes: {
    name: { type: 'string', required: true, readOnly: true },
    holder: { type: 'string', required: true },
    acquiredAt: { type: 'string', required: true },
    /** Epoch seconds. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byName: {
      pk: { field: 'pk', composite: ['name'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export const lockEntity = (config: EntityConfiguration) => new Entity(lockSchema, config);
export type LockEntity = ReturnType<typeof lockEntity>;
export type LockItem = EntityItem<LockEntity>;
