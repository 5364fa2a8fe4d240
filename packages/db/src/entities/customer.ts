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
    /** Every customer, newest first. One partition: fine for registration rates far below 1,000 writes/s. */
    newest: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['createdAt', 'customerId'] },
    },
  },
});

export const customerEntity = (config: EntityConfiguration) => new Entity(customerSchema, config);
export type CustomerEntity = ReturnType<typeof customerEntity>;
export type CustomerItem = EntityItem<CustomerEntity>;
