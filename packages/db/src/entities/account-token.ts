import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A single-use token e-mailed to a customer (password recovery, confirmation of an address), in the customer's
 * partition so erasure takes it along. Only the token's SHA-256 is stored; the link carries the token itself.
 * `expiresAt` (epoch seconds) is the table's TTL attribute; code compares it too, as TTL deletes late.
 */
export const accountTokenSchema = createSchema({
  model: { service: 'cadastro', entity: 'accountToken', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    purpose: { type: ['password_reset', 'email_confirmation'] as const, required: true, readOnly: true },
    tokenHash: { type: 'string', required: true, readOnly: true },
    /** The address an `email_confirmation` token confirms: a later change of address makes it useless. */
    email: { type: 'string', readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byCustomer: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: ['purpose', 'tokenHash'] },
    },
  },
});

export const accountTokenEntity = (config: EntityConfiguration) => new Entity(accountTokenSchema, config);
export type AccountTokenEntity = ReturnType<typeof accountTokenEntity>;
export type AccountTokenItem = EntityItem<AccountTokenEntity>;
export type AccountTokenPurpose = AccountTokenItem['purpose'];
