import { request } from 'node:http';
import { TERMS_VERSION } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import type { TrpcBody } from './trpc-http.ts';

/**
 * What an Application Load Balancer forwards: every request arrives from the balancer's own address (here the
 * second loopback address 127.0.0.2, set as TRUST_PROXY), with `X-Forwarded-Proto: https`, the browser's Host,
 * and the client's IP appended to whatever `X-Forwarded-For` the client sent.
 */
const BALANCER = '127.0.0.2';
const SITE = 'cadastro.example.com.br';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustProxy: [BALANCER], rateLimitMax: 3 });
});
afterAll(() => server?.close());

interface Forwarded {
  clientIp: string;
  /** What the client itself put in X-Forwarded-For (a forgery); the balancer appends the real IP after it. */
  clientForwardedFor?: string;
  cookie?: string;
  /** Connect from this address instead of the balancer's (a client reaching the instance directly). */
  from?: string;
}

function viaBalancer(path: string, body: unknown, forwarded: Forwarded) {
  const { port } = new URL(server.url);
  const payload = JSON.stringify(body);
  const xff = [forwarded.clientForwardedFor, forwarded.clientIp].filter(Boolean).join(', ');
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: TrpcBody;
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: forwarded.from ?? BALANCER,
        method: 'POST',
        path: `/trpc/${path}`,
        headers: {
          host: SITE,
          origin: `https://${SITE}`,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-forwarded-for': xff,
          'x-forwarded-proto': 'https',
          'x-forwarded-port': '443',
          ...(forwarded.cookie && { cookie: forwarded.cookie }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as TrpcBody }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('behind the load balancer (TRUST_PROXY = its address)', () => {
  it("sets a Secure cookie and accepts the SPA's own cookie POST", async () => {
    const registered = await viaBalancer('customers.register', newRegistration(), {
      clientIp: '198.51.100.10',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const setCookie = [registered.headers['set-cookie'] ?? []].flat().join('\n');
    expect(setCookie).toMatch(/cadastro_session=[^;]+;.*Secure/i);
    const cookie = setCookie.split(';')[0]!;
    const update = await viaBalancer(
      'customers.setConsent',
      { purpose: 'marketing', granted: true, termsVersion: TERMS_VERSION },
      { clientIp: '198.51.100.10', cookie },
    );
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    const signOut = await viaBalancer('auth.signOut', null, { clientIp: '198.51.100.10', cookie });
    expect(signOut.status).toBe(200);
  });

  it('limits each client by its own IP, and a forged leftmost X-Forwarded-For does not help', async () => {
    const guess = { login: 'alguem@example.com', password: 'palpite-errado-1' };
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await viaBalancer('auth.signIn', guess, { clientIp: attacker })).status);
    expect(statuses).toEqual([401, 401, 401]);
    // The attacker is out of budget, even pretending to be someone else…
    for (const forged of ['192.0.2.1', '198.51.100.99, 192.0.2.2']) {
      const res = await viaBalancer('auth.signIn', guess, { clientIp: attacker, clientForwardedFor: forged });
      expect(res.status, forged).toBe(429);
    }
    // …while another client behind the same balancer keeps its own.
    expect((await viaBalancer('auth.signIn', guess, { clientIp: '198.51.100.20' })).status).toBe(401);
  });

  it('does not believe forwarded headers from anyone but the balancer', async () => {
    const direct = await viaBalancer('customers.register', newRegistration(), {
      clientIp: '198.51.100.30',
      from: '127.0.0.1',
    });
    // From 127.0.0.1 the request is plain http: the Origin https://… is another site's, and no Secure cookie.
    expect(direct.status).toBe(200); // no cookie yet, so no Origin check applies
    expect([direct.headers['set-cookie'] ?? []].flat().join('\n')).not.toMatch(/Secure/i);
  });
});
