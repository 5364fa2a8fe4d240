import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDbService, ensureTable } from '@cadastro/db';
import type {} from '@cadastro/local-aws/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionStore, type SessionStoreKind } from '../src/sessions/choose-store.ts';
import { createSessionManager } from '../src/sessions/sessions.ts';
import type { SessionStore } from '../src/sessions/store.ts';

/** The same cases against both stores behind `SessionStore`: what one server does, several do. */
const dataDir = mkdtempSync(join(tmpdir(), 'cadastro-sessions-'));
const stores = {} as Record<SessionStoreKind, SessionStore>;

beforeAll(async () => {
  const aws = inject('localAws');
  const client = new DynamoDBClient({
    region: aws.region,
    endpoint: aws.dynamodbEndpoint,
    credentials: aws.credentials,
  });
  const table = `sessions-${Date.now()}`;
  await ensureTable(client, table);
  const db = createDbService({ table, client });
  stores.sqlite = createSessionStore('sqlite', dataDir, db);
  stores.dynamodb = createSessionStore('dynamodb', dataDir, db);
});
afterAll(async () => {
  for (const store of Object.values(stores)) await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['sqlite', 'dynamodb'] as const)('the %s session store', (kind) => {
  let clock = Date.UTC(2026, 10, 29, 12);
  const manager = () =>
    createSessionManager(stores[kind], { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, now: () => clock });

  it('keeps a session by the hash of its token, touches it, and ends it', async () => {
    const sessions = manager();
    const { token, record } = await sessions.start('customer', `c-${kind}-1`);
    expect(record.id).not.toContain(token);
    expect(await stores[kind].get(token)).toBeNull();
    clock += 10 * 60_000;
    expect(await sessions.resolve(token)).toMatchObject({ subjectId: `c-${kind}-1` });
    clock += 25 * 60_000; // 35 minutes after start, 25 after the touch: still live
    expect(await sessions.resolve(token)).not.toBeNull();
    await sessions.revoke(token);
    expect(await sessions.resolve(token)).toBeNull();
  });

  it('ends a session idle for too long, and any at its absolute end', async () => {
    const sessions = manager();
    const idle = await sessions.start('operator', `o-${kind}-1`);
    clock += 31 * 60_000;
    expect(await sessions.resolve(idle.token)).toBeNull();
    const busy = await sessions.start('operator', `o-${kind}-2`);
    for (let i = 0; i < 12 * 4; i++) {
      clock += 15 * 60_000;
      if ((await sessions.resolve(busy.token)) === null) {
        expect(i).toBe(12 * 4 - 1);
        return;
      }
    }
    throw new Error('the session outlived its absolute end');
  });

  it('ends every session of one subject and no one else’s', async () => {
    const sessions = manager();
    const subject = `c-${kind}-many`;
    const tokens = await Promise.all([1, 2, 3].map(() => sessions.start('customer', subject)));
    const other = await sessions.start('customer', `${subject}-other`);
    expect(await sessions.revokeAllOf('customer', subject)).toBe(3);
    for (const { token } of tokens) expect(await sessions.resolve(token)).toBeNull();
    expect(await sessions.resolve(other.token)).not.toBeNull();
  });
});
