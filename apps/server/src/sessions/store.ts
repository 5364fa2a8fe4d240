/** A signed-in session as stored. `id` is the SHA-256 of the cookie's token, never the token itself. */
export interface SessionRecord {
  id: string;
  role: 'customer' | 'operator';
  subjectId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end, whatever the activity. */
  expiresAt: number;
}

/**
 * Where sessions live. The default keeps them on the instance's data volume (SQLite under DATA_DIR/sessions);
 * with several instances behind a load balancer a DynamoDB-backed store with TTL implements the same methods.
 */
export interface SessionStore {
  put(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | null>;
  touch(id: string, lastSeenAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of one customer or operator (sign-out everywhere, erasure). */
  deleteBySubject(role: SessionRecord['role'], subjectId: string): Promise<number>;
  /** Removes sessions past their absolute end or idle for longer than `idleMs`. */
  deleteExpired(now: number, idleMs: number): Promise<number>;
  close(): Promise<void>;
}
