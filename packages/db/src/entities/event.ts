import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * Audit trail in the customer's partition (`account` collection): who (role and id) did what, when. It names the
 * fields that changed, never their values, so the history holds no personal data of its own.
 */
export const eventSchema = createSchema({
  model: { service: 'cadastro', entity: 'event', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    /** e.g. `registered`, `consent_granted`, `updated`, `exported`, `erased`, `attachment_added`, `restore_requested`. */
    type: { type: 'string', required: true, readOnly: true },
    actorRole: {
      type: ['customer', 'operator', 'service', 'system'] as const,
      required: true,
      readOnly: true,
    },
    actorId: { type: 'string', readOnly: true },
    fields: { type: 'list', items: { type: 'string' }, readOnly: true },
    /** Non-personal details (ids, counts, versions). */
    details: { type: 'any', readOnly: true },
  },
  indexes: {
    byCustomer: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: ['at', 'eventId'] },
    },
  },
});

export const eventEntity = (config: EntityConfiguration) => new Entity(eventSchema, config);
export type EventEntity = ReturnType<typeof eventEntity>;
export type EventItem = EntityItem<EventEntity>;
