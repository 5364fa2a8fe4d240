import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/** Company staff who sign in to /admin. Few of them: all in one partition, so listing them is one Query. */
export const operatorSchema = createSchema({
  model: { service: 'cadastro', entity: 'operator', version: '1' },
  attributes: {
    operatorId: { type: 'string', required: true, readOnly: true },
    /** Lower-cased; the sign-in name. */
    email: { type: 'string', required: true },
    name: { type: 'string', required: true },
    passwordHash: { type: 'string', required: true },
    status: { type: ['active', 'disabled'] as const, required: true, default: 'active' },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    all: {
      pk: { field: 'pk', composite: [] },
      sk: { field: 'sk', composite: ['operatorId'] },
    },
    byEmail: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['email'] },
      sk: { field: 'gsi1sk', composite: [] },
    },
  },
});

export const operatorEntity = (config: EntityConfiguration) => new Entity(operatorSchema, config);
export type OperatorEntity = ReturnType<typeof operatorEntity>;
export type OperatorItem = EntityItem<OperatorEntity>;
