import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCepLookup } from '../src/addresses/cep-lookup.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { trpcQuery } from './trpc-http.ts';

/**
 * A local stand-in for ViaCEP (no other network here): known CEPs answer as ViaCEP does, `99999999` answers
 * `erro`, `00000001` is slower than any timeout, `00000002` answers 500, `00000003` answers something else.
 */
let stub: Server;
let stubUrl: string;
beforeAll(async () => {
  stub = createServer((req, res) => {
    const cep = req.url?.match(/\/ws\/(\d{8})\/json/)?.[1];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (cep === '01310100') {
      return json(200, {
        cep: '01310-100',
        logradouro: 'Avenida Paulista',
        bairro: 'Bela Vista',
        localidade: 'São Paulo',
        uf: 'SP',
      });
    }
    if (cep === '99999999') return json(200, { erro: 'true' });
    if (cep === '00000001') return void setTimeout(() => json(200, { uf: 'SP' }), 3000);
    if (cep === '00000002') return json(500, {});
    if (cep === '00000003') return json(200, ['not', 'an', 'address']);
    return json(404, {});
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/ws/{cep}/json/`;
});
afterAll(() => new Promise((resolve) => stub.close(resolve)));

describe('address lookup by CEP', () => {
  it('fills street, district, city and state from a ViaCEP-compatible answer', async () => {
    const lookup = createCepLookup({ urlTemplate: stubUrl, timeoutMs: 2000 });
    expect(await lookup('01310100')).toEqual({
      found: true,
      address: { street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' },
    });
  });

  it.each([
    ['an unknown CEP', '99999999'],
    ['a slow service', '00000001'],
    ['a failing service', '00000002'],
    ['a malformed answer', '00000003'],
  ])('answers "not found" for %s', async (_what, cep) => {
    const lookup = createCepLookup({ urlTemplate: stubUrl, timeoutMs: 300 });
    expect(await lookup(cep)).toEqual({ found: false });
  });

  describe('over HTTP', () => {
    let on: TestServer;
    let off: TestServer;
    beforeAll(async () => {
      on = await startTestServer({ cepLookup: { urlTemplate: stubUrl, timeoutMs: 2000 } });
      off = await startTestServer();
    });
    afterAll(async () => {
      await on?.close();
      await off?.close();
    });

    it('answers with the address when configured, nothing when not', async () => {
      const found = await trpcQuery(on.url, 'addresses.lookupCep', { cep: '01310-100' });
      expect(found.status).toBe(200);
      expect(found.body.result?.data).toMatchObject({ found: true, address: { city: 'São Paulo' } });
      const none = await trpcQuery(off.url, 'addresses.lookupCep', { cep: '01310-100' });
      expect(none.body.result?.data).toEqual({ found: false });
    });

    it('refuses a malformed CEP with 400 on the field', async () => {
      const res = await trpcQuery(on.url, 'addresses.lookupCep', { cep: '123' });
      expect(res.status).toBe(400);
      expect(res.body.error?.data.fieldErrors?.cep).toBeTruthy();
    });
  });
});
