import { TEST_PASSWORD } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, DEFAULT_ARGON2_COST } from '../src/passwords.ts';
import { registeredCustomer } from './accounts.ts';
import { startTestServer, TEST_ARGON2_COST, TEST_OPERATOR, type TestServer } from './harness.ts';
import { trpcMutation } from './trpc-http.ts';

/** `TEST_PASSWORD` as the server stored it before Argon2id: scrypt, N = 2^15, r = 8, p = 1 (the old default). */
const STORED_SCRYPT_HASH =
  'scrypt$32768$8$1$cYc5B9AcqIWSUWJnDVG4bQ$rmOEjVeSYRZQ2Am5V0wfpUt8PbGpxDJ62kLGvhx2_zU';

describe('password hashes', () => {
  it('are Argon2id PHC strings at OWASP cost (m = 19 MiB, t = 2, p = 1), salted, checked both ways', async () => {
    const hasher = createPasswordHasher();
    const hash = await hasher.hash('uma senha longa');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.hash('uma senha longa')).not.toBe(hash);
    expect(await hasher.verify('uma senha longa', hash)).toBe(true);
    expect(await hasher.verify('uma senha longa!', hash)).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(DEFAULT_ARGON2_COST).toEqual({ memoryKiB: 19_456, passes: 2, parallelism: 1 });
  });

  it('of another cost or of scrypt still verify, and are due for replacement', async () => {
    const cheap = await createPasswordHasher({ cost: TEST_ARGON2_COST }).hash('outra senha');
    const hasher = createPasswordHasher();
    expect(await hasher.verify('outra senha', cheap)).toBe(true);
    expect(hasher.needsRehash(cheap)).toBe(true);
    expect(await hasher.verify(TEST_PASSWORD, STORED_SCRYPT_HASH)).toBe(true);
    expect(await hasher.verify(`${TEST_PASSWORD}x`, STORED_SCRYPT_HASH)).toBe(false);
    expect(hasher.needsRehash(STORED_SCRYPT_HASH)).toBe(true);
    expect(await hasher.verify(TEST_PASSWORD, 'bcrypt$whatever')).toBe(false);
  });
});

describe('a stored scrypt hash, at the next successful sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("is replaced by today's Argon2id hash (customers)", async () => {
    const { id, input } = await registeredCustomer(server);
    const registered = (await server.services.customers.getById(id))!;
    expect(registered.passwordHash).toMatch(/^\$argon2id\$/);
    await server.services.customers.upgradePasswordHash(id, registered.passwordHash, STORED_SCRYPT_HASH);

    const wrong = await trpcMutation(server.url, 'auth.signIn', {
      login: input.email,
      password: 'errada-123',
    });
    expect(wrong.status).toBe(401);
    expect((await server.services.customers.getById(id))!.passwordHash).toBe(STORED_SCRYPT_HASH);

    const signIn = await trpcMutation(server.url, 'auth.signIn', {
      login: input.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const upgraded = (await server.services.customers.getById(id))!;
    expect(upgraded.passwordHash).toMatch(/^\$argon2id\$v=19\$m=256,t=2,p=1\$/);
    expect(upgraded.version).toBe(registered.version); // the record's content is unchanged
    const again = await trpcMutation(server.url, 'auth.signIn', {
      login: input.email,
      password: TEST_PASSWORD,
    });
    expect(again.status).toBe(200);
  });

  it("is replaced by today's Argon2id hash (operators)", async () => {
    const operator = (await server.services.operators.getByEmail(TEST_OPERATOR.email))!;
    const old = await createPasswordHasher({ cost: { ...TEST_ARGON2_COST, passes: 3 } }).hash(
      TEST_OPERATOR.password,
    );
    await server.services.operators.upgradePasswordHash(operator.operatorId, operator.passwordHash, old);
    const signIn = await trpcMutation(server.url, 'auth.operatorSignIn', TEST_OPERATOR);
    expect(signIn.status).toBe(200);
    const after = (await server.services.operators.getById(operator.operatorId))!;
    expect(after.passwordHash).not.toBe(old);
    expect(after.passwordHash).toMatch(/^\$argon2id\$v=19\$m=256,t=2,p=1\$/);
  });
});
