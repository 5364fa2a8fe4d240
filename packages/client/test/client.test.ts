import { newRegistration } from '@cadastro/contracts/testing';
import type { AppRouter, PublicRouter } from '@cadastro/server';
import { startTestServer, TEST_API_KEY, type TestServer } from '@cadastro/server/testing';
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type CadastroOutputs, createCadastroClient, errorReason, TRPCClientError } from '../src/index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('createCadastroClient', () => {
  it('publishes the router with the same inputs, outputs and errors as the server', () => {
    expectTypeOf<inferRouterInputs<PublicRouter>>().toEqualTypeOf<inferRouterInputs<AppRouter>>();
    expectTypeOf<inferRouterOutputs<PublicRouter>>().toEqualTypeOf<inferRouterOutputs<AppRouter>>();
    expectTypeOf<inferRouterError<PublicRouter>>().toEqualTypeOf<inferRouterError<AppRouter>>();
  });

  it('registers and reads a customer over HTTP with full types', async () => {
    const cadastro = createCadastroClient({ url: `${server.url}/`, apiKey: TEST_API_KEY });
    const input = newRegistration({ name: 'João Pereira' });
    const { id } = await cadastro.customers.register.mutate(input);
    expectTypeOf(id).toEqualTypeOf<string>();

    const customer = await cadastro.customers.get.query({ id });
    expectTypeOf(customer).toEqualTypeOf<CadastroOutputs['customers']['get']>();
    expect(customer).toMatchObject({ id, name: 'João Pereira', cpf: input.cpf.replace(/\D/g, '') });

    const page = await cadastro.customers.list.query({ limit: 10 });
    expect(page.items.map((c) => c.id)).toContain(id);

    // @ts-expect-error: `limit` is a number; a wrong type in a call fails `typecheck`.
    await expect(cadastro.customers.list.query({ limit: 'ten' })).rejects.toBeInstanceOf(TRPCClientError);
  });

  it('exposes the stable error reason', async () => {
    const cadastro = createCadastroClient({ url: server.url, apiKey: TEST_API_KEY });
    const input = newRegistration();
    await cadastro.customers.register.mutate(input);
    const error = await cadastro.customers.register.mutate(input).catch((e: unknown) => e);
    expect(errorReason(error)).toBe('CPF_TAKEN');

    const anonymous = createCadastroClient({ url: server.url });
    const denied = await anonymous.customers.list.query({}).catch((e: unknown) => e);
    expect(errorReason(denied)).toBe('UNAUTHENTICATED');
  });
});

describe('personal data in requests', () => {
  it('looks a customer up by CPF and e-mail in POST bodies: no CPF or e-mail in any URL', async () => {
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const cadastro = createCadastroClient({ url: server.url, apiKey: TEST_API_KEY, fetch: recording });
    const input = newRegistration();
    const { id } = await cadastro.customers.register.mutate(input);
    const cpf = input.cpf.replace(/\D/g, '');

    expect((await cadastro.customers.lookup.mutate({ by: 'cpf', value: input.cpf })).id).toBe(id);
    expect((await cadastro.customers.lookup.mutate({ by: 'email', value: input.email })).id).toBe(id);
    expect((await cadastro.customers.get.query({ id })).cpf).toBe(cpf);

    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(decodeURIComponent(url)).not.toContain(cpf);
      expect(decodeURIComponent(url).toLowerCase()).not.toContain(input.email.toLowerCase());
    }
  });
});
