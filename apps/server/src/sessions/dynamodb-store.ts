import { type DbService, isConditionFailure } from '@cadastro/db';
import type { SessionRecord, SessionStore } from './store.ts';

/**
 * Sessions in the table (`session` entity), shared by every server behind the load balancer: a session started on
 * one is seen, touched and ended on all. DynamoDB's TTL removes them after their absolute end, so there is no
 * sweep (`deleteExpired` does nothing: finding expired sessions would need a Scan); the session manager checks
 * idle and absolute expiry on every read.
 */
export function createDynamoDbSessionStore(db: DbService): SessionStore {
  const { session } = db.entities;

  const toRecord = (item: {
    sessionId: string;
    role: SessionRecord['role'];
    subjectId: string;
    createdAt: number;
    lastSeenAt: number;
    endsAt: number;
  }): SessionRecord => ({
    id: item.sessionId,
    role: item.role,
    subjectId: item.subjectId,
    createdAt: item.createdAt,
    lastSeenAt: item.lastSeenAt,
    expiresAt: item.endsAt,
  });

  return {
    async put(s) {
      await session
        .put({
          sessionId: s.id,
          role: s.role,
          subjectId: s.subjectId,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          endsAt: s.expiresAt,
          expiresAt: Math.ceil(s.expiresAt / 1000),
        })
        .go();
    },
    async get(id) {
      const { data } = await session.get({ sessionId: id }).go({ consistent: true });
      return data ? toRecord(data) : null;
    },
    async touch(id, lastSeenAt) {
      // Only a session that still exists: a touch racing a sign-out on another server must not revive it.
      await session
        .patch({ sessionId: id })
        .set({ lastSeenAt })
        .go()
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },
    async delete(id) {
      await session.delete({ sessionId: id }).go();
    },
    async deleteBySubject(role, subjectId) {
      const { data } = await session.query
        .bySubject({ role, subjectId })
        .go({ pages: 'all', attributes: ['sessionId'] });
      if (data.length) await session.delete(data.map((s) => ({ sessionId: s.sessionId }))).go();
      return data.length;
    },
    async deleteExpired() {
      return 0;
    },
    async close() {},
  };
}
