import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * The access record (LGPD Art. 37): one item per read of a customer's personal data by an operator or a service.
 * In the customer's partition (`account` collection), so the customer reads their own with one Query and erasure
 * removes it with the rest; `gsi1` by month for auditors. Kept until `expiresAt` (TTL).
 */
export const accessSchema = createSchema({
  model: { service: 'cadastro', entity: 'access', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    accessId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    /** `at`'s month (`2026-11`): auditors page through one month at a time. */
    month: { type: 'string', required: true, readOnly: true },
    actorKind: { type: ['operator', 'service'] as const, required: true, readOnly: true },
    actorId: { type: 'string', required: true, readOnly: true },
    actorName: { type: 'string', required: true, readOnly: true },
    procedure: { type: 'string', required: true, readOnly: true },
    /** Epoch seconds; DynamoDB's TTL deletes the item after it (reads filter it out before that happens). */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byCustomer: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: ['at', 'accessId'] },
    },
    byMonth: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['month'] },
      sk: { field: 'gsi1sk', composite: ['at', 'accessId'] },
    },
  },
});

export const accessEntity = (config: EntityConfiguration) => new Entity(accessSchema, config);
export type AccessEntity = ReturnType<typeof accessEntity>;
export type AccessItem = EntityItem<AccessEntity>;
