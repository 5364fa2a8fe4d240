import { createHash, randomBytes } from 'node:crypto';
import type { SessionRecord, SessionStore } from './store.ts';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  /** Injected by tests to move time forward. */
  now?: () => number;
}

/** Activity is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Session life cycle over a `SessionStore`: a fresh random token per sign-in (the id is rotated: an old token is
 * revoked, never upgraded), idle and absolute expiry, revocation. The store only ever sees the token's hash.
 */
export function createSessionManager(store: SessionStore, settings: SessionSettings) {
  const now = settings.now ?? Date.now;

  function expired(s: SessionRecord, at: number) {
    return at >= s.expiresAt || at >= s.lastSeenAt + settings.idleMs;
  }

  return {
    settings,
    /** Starts a session; the returned token goes into the cookie and nowhere else. */
    async start(role: SessionRecord['role'], subjectId: string) {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const record: SessionRecord = {
        id: idOf(token),
        role,
        subjectId,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: at + settings.absoluteMs,
      };
      await store.put(record);
      return { token, record };
    },

    /** The live session of a token, or null (unknown, expired: an expired one is removed on sight). */
    async resolve(token: string): Promise<SessionRecord | null> {
      const session = await store.get(idOf(token));
      if (!session) return null;
      const at = now();
      if (expired(session, at)) {
        await store.delete(session.id);
        return null;
      }
      if (at - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
        await store.touch(session.id, at);
        session.lastSeenAt = at;
      }
      return session;
    },

    async revoke(token: string): Promise<void> {
      await store.delete(idOf(token));
    },

    revokeAllOf(role: SessionRecord['role'], subjectId: string): Promise<number> {
      return store.deleteBySubject(role, subjectId);
    },

    sweep(): Promise<number> {
      return store.deleteExpired(now(), settings.idleMs);
    },

    close: () => store.close(),
  };
}
export type SessionManager = ReturnType<typeof createSessionManager>;
