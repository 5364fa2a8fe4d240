import type { RegisterInput } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { expect } from 'vitest';
import { TEST_OPERATOR, type TestServer } from './harness.ts';
import { type CookieClient, cookieClient } from './trpc-http.ts';

/** A customer registered over HTTP, holding the session cookie registration gave them. */
export async function registeredCustomer(
  server: Pick<TestServer, 'url'>,
  overrides: Partial<RegisterInput> = {},
  headers: Record<string, string> = {},
): Promise<{ client: CookieClient; input: RegisterInput; id: string }> {
  const client = cookieClient(server.url);
  const input = newRegistration(overrides);
  const res = await client.mutation('customers.register', input, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(client.cookie).toBeTruthy();
  return { client, input, id: (res.body.result!.data as { id: string }).id };
}

/** The bootstrapped operator, signed in over HTTP. */
export async function signedInOperator(server: TestServer): Promise<CookieClient> {
  const client = cookieClient(server.url);
  const res = await client.mutation('auth.operatorSignIn', TEST_OPERATOR);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client;
}

export const data = <T>(res: { body: { result?: { data: unknown } } }) => res.body.result?.data as T;
