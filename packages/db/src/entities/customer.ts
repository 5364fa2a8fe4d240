import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

const required = { type: 'string', required: true } as const;

export const customerSchema = createSchema({
  model: { service: 'cadastro', entity: 'customer', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    name: required,
    cpf: required,
    email: required,
    phone: required,
    birthDate: required,
    address: {
      type: 'map',
      required: true,
      properties: {
        cep: required,
        street: required,
        number: required,
        complement: { type: 'string' },
        district: required,
        city: required,
        uf: required,
      },
    },
    status: { type: ['active'] as const, required: true, default: 'active' },
    consent: {
      type: 'map',
      required: true,
      properties: { termsVersion: required, acceptedAt: required },
    },
    /** Every consent given, per purpose, with the terms version and when; revoked ones keep `revokedAt`. */
    consents: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          purpose: { type: ['terms', 'marketing'] as const, required: true },
          termsVersion: required,
          grantedAt: required,
          revokedAt: { type: 'string' },
        },
      },
    },
    /** The address the customer proved to receive mail at; the e-mail is confirmed while it equals `email`. */
    emailConfirmedFor: { type: 'string' },
    /** scrypt hash (see the server's `passwords.ts`); never part of a view or an export. */
    passwordHash: required,
    /** `shardOf(customerId)`: which partition key of the list index (`gsi1`) holds the customer. */
    shard: { type: 'number', required: true, readOnly: true },
    createdAt: {
      type: 'string',
      readOnly: true,
      required: true,
      default: () => new Date().toISOString(),
    },
    updatedAt: {
      type: 'string',
      required: true,
      watch: '*',
      default: () => new Date().toISOString(),
      set: () => new Date().toISOString(),
    },
    /** Optimistic locking: every update says which version it read. */
    version: { type: 'number', required: true, default: 1 },
  },
  indexes: {
    /** The customer's partition: later entities (documents, history) join it in the `account` collection. */
    byId: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: [] },
    },
    /** Every customer by creation time, spread over `INDEX_SHARDS` partition keys; read newest first, merged. */
    newest: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['shard'] },
      sk: { field: 'gsi1sk', composite: ['createdAt', 'customerId'] },
    },
  },
});

export const customerEntity = (config: EntityConfiguration) => new Entity(customerSchema, config);
export type CustomerEntity = ReturnType<typeof customerEntity>;
export type CustomerItem = EntityItem<CustomerEntity>;
