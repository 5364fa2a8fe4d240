import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SessionRecord, SessionStore } from './store.ts';

interface Row {
  id: string;
  role: SessionRecord['role'];
  subject_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/**
 * Sessions in `DIR/sessions.sqlite` (WAL mode): they survive a restart of the server. `node:sqlite` is built into
 * Node 24, so the release carries no native module and runs unchanged on x86_64 and arm64.
 */
export function createSqliteSessionStore(dir: string): SessionStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(join(dir, 'sessions.sqlite'));
  db.exec(`PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_subject ON sessions (role, subject_id);
  CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at);`);

  const insert = db.prepare(
    'INSERT INTO sessions (id, role, subject_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const removeSubject = db.prepare('DELETE FROM sessions WHERE role = ? AND subject_id = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');

  return {
    async put(s) {
      insert.run(s.id, s.role, s.subjectId, s.createdAt, s.lastSeenAt, s.expiresAt);
    },
    async get(id) {
      const row = select.get(id) as Row | undefined;
      return row
        ? {
            id: row.id,
            role: row.role,
            subjectId: row.subject_id,
            createdAt: row.created_at,
            lastSeenAt: row.last_seen_at,
            expiresAt: row.expires_at,
          }
        : null;
    },
    async touch(id, lastSeenAt) {
      touch.run(lastSeenAt, id);
    },
    async delete(id) {
      remove.run(id);
    },
    async deleteBySubject(role, subjectId) {
      return Number(removeSubject.run(role, subjectId).changes);
    },
    async deleteExpired(now, idleMs) {
      return Number(removeExpired.run(now, now - idleMs).changes);
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
