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
    /** An operator created before roles existed is an admin (the bootstrapped one). */
    role: { type: ['admin', 'support', 'auditor'] as const, required: true, default: 'admin' },
    status: { type: ['invited', 'active', 'disabled'] as const, required: true, default: 'active' },
    /** Set for the bootstrapped admin and after a reset: a new password comes before anything else. */
    mustChangePassword: { type: 'boolean', required: true, default: false },
    /** Base32 secret of the authenticator (RFC 6238); `totpEnabledAt` once a code confirmed it. */
    totpSecret: { type: 'string' },
    totpEnabledAt: { type: 'string' },
    /** The last 30-second step whose code signed in: a code is accepted once. */
    totpLastStep: { type: 'number' },
    /** SHA-256 of the single-use secret of an invitation or reset link, and when that link expires. */
    setupTokenHash: { type: 'string' },
    setupTokenExpiresAt: { type: 'string' },
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
