import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { formatCpf } from '@cadastro/contracts';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.ts';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { startTestServer, TEST_API_KEY, TEST_OPERATOR } from './harness.ts';
import { cookieClient, trpcMutation, trpcQuery } from './trpc-http.ts';

function logFiles(dir: string): string[] {
  return readdirSync(dir).map((f) => join(dir, f));
}

describe('logs', () => {
  it('never hold CPF, e-mail, phone, passwords, cookies or API keys, and every request line has its id', async () => {
    const server = await startTestServer({ logs: true });
    const cpf = '52998224725';
    const email = 'log.secreto@example.com';
    const password = 'senha-que-nao-aparece-9';
    const customer = await registeredCustomer(server, {
      cpf: formatCpf(cpf),
      email,
      phone: '(11) 97777-6655',
      password,
      name: 'Registrada Nos Logs',
    });
    const secrets = [
      cpf,
      formatCpf(cpf),
      email,
      encodeURIComponent(email),
      '+5511977776655',
      '977776655',
      '97777-6655',
      password,
      TEST_API_KEY,
      TEST_OPERATOR.password,
      'Registrada',
    ];
    secrets.push(customer.client.cookie!.split('=')[1]!);

    // Sign-in by CPF and e-mail, a failed sign-in, a validation error quoting the CPF, queries with the CPF and
    // the e-mail in the URL, an update, an export, the service key, an operator search.
    const client = cookieClient(server.url);
    await client.mutation('auth.signIn', { login: formatCpf(cpf), password });
    await client.mutation('auth.signIn', { login: email, password: `${password}x` });
    secrets.push(client.cookie!.split('=')[1]!);
    await trpcMutation(server.url, 'customers.register', { cpf, email, password, phone: '11977776655' });
    await client.mutation('customers.updateMe', { version: 1, changes: { phone: '(11) 97777-6655' } });
    await client.query('customers.exportMe');
    const operator = await signedInOperator(server);
    secrets.push(operator.cookie!.split('=')[1]!);
    expect(
      data<{ items: unknown[] }>(await operator.query('customers.search', { by: 'cpf', query: cpf })).items,
    ).toHaveLength(1);
    await operator.query('customers.search', { by: 'email', query: email });
    await trpcQuery(server.url, 'customers.list', { limit: 1 }, { authorization: `Bearer ${TEST_API_KEY}` });
    await trpcQuery(server.url, 'customers.get', { id: cpf }, { authorization: `Bearer ${TEST_API_KEY}` });
    await client.mutation('customers.deleteMe', { password });
    await server.close({ keepData: true });

    const files = logFiles(join(server.dataDir, 'logs'));
    expect(files.length).toBeGreaterThan(0);
    const sources = [
      ...files.map((f) => [f, readFileSync(f, 'utf8')] as const),
      ['stdout', server.stdout()] as const,
    ];
    for (const [name, text] of sources) {
      expect(text.length, name).toBeGreaterThan(1000);
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
      const lines = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const requestLines = lines.filter((l) => l.req || l.res || l.customerId || l.operatorId);
      expect(requestLines.length).toBeGreaterThan(10);
      for (const line of requestLines) expect(line.reqId, JSON.stringify(line)).toEqual(expect.any(String));
      // The query string (tRPC GET input) never reaches the log.
      const urls = lines.map((l) => (l.req as { url?: string } | undefined)?.url).filter(Boolean);
      expect(urls).toContain('/trpc/customers.search');
      expect(urls.some((u) => u!.includes('?'))).toBe(false);
    }
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('roll by size and keep only the configured number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadastro-logs-'));
    const { logger, close } = await createLogger({
      level: 'info',
      dir,
      fileSize: '1k',
      retainedFiles: 2,
      stdout: new PassThrough().resume(),
    });
    for (let i = 0; i < 200; i++) {
      logger.info({ i, filler: 'x'.repeat(100) }, 'line');
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await close();
    const files = readdirSync(dir).filter((f) => /^cadastro\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3); // 2 rolled + the active one
    rmSync(dir, { recursive: true, force: true });
  });
});
