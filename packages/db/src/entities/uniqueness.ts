import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * One item per unique value (CPF, e-mail), written in the same transaction as the customer it guards, so two
 * registrations with one CPF can never both succeed. The key holds a blind index (HMAC) of the value, never the
 * value itself: keys end up in cursors, logs and metrics.
 */
export const uniquenessSchema = createSchema({
  model: { service: 'cadastro', entity: 'uniqueness', version: '1' },
  attributes: {
    kind: { type: ['cpf', 'email'] as const, required: true, readOnly: true },
    valueHash: { type: 'string', required: true, readOnly: true },
    customerId: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', readOnly: true, default: () => new Date().toISOString() },
  },
  indexes: {
    byValue: {
      pk: { field: 'pk', composite: ['kind', 'valueHash'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export const uniquenessEntity = (config: EntityConfiguration) => new Entity(uniquenessSchema, config);
export type UniquenessEntity = ReturnType<typeof uniquenessEntity>;
export type UniquenessItem = EntityItem<UniquenessEntity>;
export type UniqueKind = UniquenessItem['kind'];
