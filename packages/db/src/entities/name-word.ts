import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * One item per distinct word of a customer's name (`searchableName`: lower case, no accents), in the customer's
 * partition so erasure removes it with the rest. `gsi2` finds customers by the prefix of any word of their name,
 * spread over `INDEX_SHARDS` partition keys by the customer's shard. The word is in the key in clear: prefix
 * search needs it, and only staff see these cursors.
 */
export const nameWordSchema = createSchema({
  model: { service: 'cadastro', entity: 'nameWord', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    word: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byCustomer: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: ['word'] },
    },
    byWord: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['shard'] },
      sk: { field: 'gsi2sk', composite: ['word', 'customerId'] },
    },
  },
});

export const nameWordEntity = (config: EntityConfiguration) => new Entity(nameWordSchema, config);
export type NameWordEntity = ReturnType<typeof nameWordEntity>;
export type NameWordItem = EntityItem<NameWordEntity>;
