import { connect } from 'node:net';
import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredCustomer } from './accounts.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';

/** Unexpected errors say nothing but the request id; inputs are bounded before DynamoDB; bodies have a deadline. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logs: true, requestTimeoutMs: 1_500, rateLimitMax: 12 });
});
afterAll(() => server?.close());

describe('unexpected errors', () => {
  it('answer a generic message with the request id, and the log has the cause under that id', async () => {
    const { client, id } = await registeredCustomer(server);
    const repository = server.services.customers;
    const original = repository.getById;
    repository.getById = async () => {
      throw new Error(`connect ECONNREFUSED 127.0.0.1:1 while reading ${id}`);
    };
    try {
      const res = await client.query('customers.me');
      expect(res.status).toBe(500);
      const requestId = res.headers.get('x-request-id');
      expect(res.body.error?.message).toBe(`Unexpected error (request ${requestId})`);
      expect(res.body.error?.data).toMatchObject({ reason: 'INTERNAL', requestId });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at |\.ts/);
      const line = server
        .stdout()
        .split('\n')
        .find((l) => l.includes(requestId!) && l.includes('procedure failed'));
      expect(line).toBeDefined();
      expect(line).toContain('"type":"Error"');
      expect(line).not.toContain('ECONNREFUSED'); // messages may quote values: only type and frames are logged
    } finally {
      repository.getById = original;
    }
  });

  it('a 2 KB API key id is refused as an unknown key, before it reaches DynamoDB', async () => {
    const key = `cad.${'a'.repeat(2048)}.secret`;
    const res = await trpcQuery(server.url, 'customers.list', {}, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(401);
    expect(res.body.error?.data.reason).toBe('UNAUTHENTICATED');
    const long = await trpcQuery(server.url, 'health', undefined, {
      authorization: `Bearer ${'k'.repeat(5000)}`,
    });
    expect(long.status).toBe(200);
  });

  it('a malformed cursor is a 400 with its reason', async () => {
    const operator = await trpcMutation(server.url, 'auth.operatorSignIn', {
      email: 'operadora@example.com',
      password: 'operadora-senha-123',
    });
    const cookie = operator.headers.getSetCookie()[0]!.split(';')[0]!;
    for (const cursor of ['x'.repeat(2048), 'eyJwayI6MX0', '%%%', 'a'.repeat(3000)]) {
      const res = await trpcQuery(server.url, 'customers.list', { cursor }, { cookie });
      expect(res.status, cursor.slice(0, 10)).toBe(400);
      expect(['INVALID_CURSOR', 'VALIDATION']).toContain(res.body.error?.data.reason);
    }
  });
});

describe('control characters', () => {
  it('are refused in address fields and API key names with the field and text_invalid_chars, nothing written', async () => {
    for (const bad of ['Rua \u001b[2J', 'Rua\u0000', 'Rua \u202eA', 'Rua \ud800', 'Rua A\r\nB']) {
      const input = newRegistration();
      const registered = await fetch(`${server.url}/trpc/customers.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...input, address: { ...input.address, street: bad } }),
      });
      expect(registered.status).toBe(400);
      const body = (await registered.json()) as {
        error: { data: { fieldErrors: Record<string, string[]> } };
      };
      expect(body.error.data.fieldErrors['address.street']).toEqual(['text_invalid_chars']);
      expect(await server.services.customers.getByEmail(input.email.toLowerCase())).toBeNull();
    }
    const operator = await trpcMutation(server.url, 'auth.operatorSignIn', {
      email: 'operadora@example.com',
      password: 'operadora-senha-123',
    });
    const cookie = operator.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const key = await trpcMutation(
      server.url,
      'ops.apiKeys.create',
      { name: 'integração\u202e' },
      { cookie, origin: server.url },
    );
    expect(key.status).toBe(400);
    expect(key.body.error?.data.fieldErrors?.name).toEqual(['text_invalid_chars']);
  });
});

describe('responses', () => {
  it('every /trpc answer carries Cache-Control: no-store, refusals included', async () => {
    const answers = [
      await trpcQuery(server.url, 'health', undefined),
      await trpcQuery(server.url, 'customers.me', undefined),
      await trpcQuery(server.url, 'nope.nothing', undefined),
    ];
    for (let i = 0; i < 20 && answers.at(-1)?.status !== 429; i++) {
      answers.push(await trpcMutation(server.url, 'auth.signIn', { login: 'a@example.com', password: 'x' }));
    }
    expect(answers.map((a) => a.status)).toContain(429);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('a request body that stalls is cut off at the request timeout', async () => {
    const { port } = new URL(server.url);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /trpc/auth.signOut HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"lo',
        );
      });
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
      socket.on('error', () => resolve('error'));
      socket.setTimeout(60_000, () => {
        resolve('still open');
        socket.destroy();
      });
    });
    expect(outcome).toMatch(/^HTTP\/1\.1 408/);
  });
});
