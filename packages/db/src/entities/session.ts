import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A signed-in session, for deployments of several servers (the single server keeps them in SQLite on its EBS
 * volume). `sessionId` is the SHA-256 of the cookie's token, never the token. `gsi1` by who it belongs to, so
 * "sign out everywhere" and erasure end them all; `expiresAt` (TTL, epoch seconds) lets DynamoDB drop it after its
 * absolute end, and the server checks the times itself since TTL deletes late.
 */
export const sessionSchema = createSchema({
  model: { service: 'cadastro', entity: 'session', version: '1' },
  attributes: {
    sessionId: { type: 'string', required: true, readOnly: true },
    role: { type: ['customer', 'operator'] as const, required: true, readOnly: true },
    subjectId: { type: 'string', required: true, readOnly: true },
    /** Epoch milliseconds, as the session manager counts. */
    createdAt: { type: 'number', required: true, readOnly: true },
    lastSeenAt: { type: 'number', required: true },
    endsAt: { type: 'number', required: true, readOnly: true },
    /** Epoch seconds: `endsAt` rounded up, for DynamoDB's TTL. */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['sessionId'] },
      sk: { field: 'sk', composite: [] },
    },
    bySubject: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['role', 'subjectId'] },
      sk: { field: 'gsi1sk', composite: ['sessionId'] },
    },
  },
});

export const sessionEntity = (config: EntityConfiguration) => new Entity(sessionSchema, config);
export type SessionEntity = ReturnType<typeof sessionEntity>;
export type SessionItem = EntityItem<SessionEntity>;
