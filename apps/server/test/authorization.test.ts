import { API_KEY_SCOPES, type OperatorRole } from '@cadastro/contracts';
import type { AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/context.ts';
import { appRouter } from '../src/router.ts';
import type { Meta, Role } from '../src/trpc.ts';
import { data, registeredCustomer } from './accounts.ts';
import { asOperator, callerFor, startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcQuery } from './trpc-http.ts';

/**
 * The authorization matrix, built from the router itself: every procedure × every kind of caller × every API-key
 * scope. A procedure added without a declared role, callable by someone outside its role, or open to a key
 * without naming the scope it needs, fails here.
 */
const ALLOWED: Record<Role, ReadonlyArray<string>> = {
  public: ['anonymous', 'customer A', 'customer B', 'operator', 'service'],
  customer: ['customer A', 'customer B'],
  operator: ['operator'],
  service: ['service'],
  staff: ['operator', 'service'],
  customerOrStaff: ['customer A', 'customer B', 'operator', 'service'],
};
const DENIED_REASONS = ['UNAUTHENTICATED', 'FORBIDDEN', 'MISSING_SCOPE'];
/** Invalid for every procedure that takes input, so allowed calls stop at validation and change nothing. */
const PROBE = '__authorization-probe__';

let server: TestServer;
let callers: Record<string, Caller>;
/** `path → procedure`, flattened by tRPC (`customers.get`, `ops.apiKeys.create`, …). */
const byPath = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedures = Object.entries(byPath);
const metaOf = (path: string) => byPath[path]!._def.meta as Meta | undefined;
const roleOf = (path: string) => metaOf(path)?.role;
const OPERATOR_CALLERS: Record<string, OperatorRole> = {
  'operator (admin)': 'admin',
  'operator (support)': 'support',
  'operator (auditor)': 'auditor',
};

/**
 * Beyond public procedures, a service is admitted only where a procedure names the key's scope, and an operator
 * only where it names the operator's role.
 */
const admits = (path: string, name: string) => {
  const role = roleOf(path) as Role;
  const operatorRole = OPERATOR_CALLERS[name];
  if (operatorRole) {
    return (
      ALLOWED[role].includes('operator') &&
      (role === 'public' || !!metaOf(path)?.operatorRoles?.includes(operatorRole))
    );
  }
  return (
    ALLOWED[role].includes(name) &&
    (name !== 'service' || role === 'public' || metaOf(path)?.scope !== undefined)
  );
};

beforeAll(async () => {
  server = await startTestServer();
  const a = await registeredCustomer(server);
  const b = await registeredCustomer(server);
  const operator = await server.services.operators.getByEmail('operadora@example.com');
  callers = {
    anonymous: { role: 'anonymous' },
    'customer A': { role: 'customer', customerId: a.id },
    'customer B': { role: 'customer', customerId: b.id },
    ...Object.fromEntries(
      Object.entries(OPERATOR_CALLERS).map(([name, role]) => [name, asOperator(operator!.operatorId, role)]),
    ),
    service: { role: 'service', keyId: 'test', name: 'test', scopes: API_KEY_SCOPES },
  };
});
afterAll(() => server?.close());

async function reasonOf(path: string, caller: Caller): Promise<string | null> {
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callerFor(server, caller)) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await procedure(PROBE);
    return null;
  } catch (error) {
    const e = error as { reason?: string; code?: string };
    return e.reason ?? e.code ?? 'ERROR';
  }
}

describe('authorization matrix', () => {
  it('covers the whole router', () => {
    expect(procedures.length).toBeGreaterThan(15);
  });

  it.each(procedures.map(([path]) => path))('%s declares a role', (path) => {
    const role = roleOf(path) as Role;
    expect(Object.keys(ALLOWED)).toContain(role);
  });

  it.each(procedures.map(([path]) => path))('%s admits exactly its role', async (path) => {
    for (const [name, caller] of Object.entries(callers)) {
      const reason = await reasonOf(path, caller);
      if (admits(path, name)) expect(DENIED_REASONS, `${path} as ${name}`).not.toContain(reason);
      else expect(DENIED_REASONS, `${path} as ${name}`).toContain(reason);
    }
  });

  const scoped = procedures.filter(([path]) => metaOf(path)?.scope);
  it.each(scoped.map(([path]) => path))(
    '%s refuses a key with every scope but the one it needs',
    async (path) => {
      const needed = metaOf(path)?.scope;
      const scopes = API_KEY_SCOPES.filter((s) => s !== needed);
      expect(await reasonOf(path, { role: 'service', keyId: 'test', name: 'test', scopes })).toBe(
        'MISSING_SCOPE',
      );
    },
  );

  it('keeps document changes, restores and key management closed to every API key', () => {
    const closed = procedures.map(([path]) => path).filter((path) => !admits(path, 'service'));
    for (const path of [
      'attachments.createUpload',
      'attachments.confirm',
      'attachments.remove',
      'attachments.requestRestore',
      'backups.restore',
      'backups.restoreFromArchive',
      'ops.apiKeys.create',
      'ops.apiKeys.revoke',
    ]) {
      expect(closed).toContain(path);
    }
  });
});

describe('customer B and customer A', () => {
  it('B reads only B: customer procedures take no id, and back-office ones refuse B', async () => {
    const a = await registeredCustomer(server);
    const b = await registeredCustomer(server);
    const me = await b.client.query('customers.me');
    expect(data<{ id: string }>(me).id).toBe(b.id);
    const other = await b.client.query('customers.get', { id: a.id });
    expect(other.status).toBe(403);
    const events = await b.client.query('customers.events', { id: a.id });
    expect(events.status).toBe(403);
    // An id smuggled into a self-service call is ignored: B changes B.
    const changed = await b.client.mutation('customers.updateMe', {
      id: a.id,
      customerId: a.id,
      version: 1,
      changes: { name: 'Nome Trocado' },
    });
    expect(data<{ id: string }>(changed).id).toBe(b.id);
    const aNow = await trpcQuery(
      server.url,
      'customers.get',
      { id: a.id },
      { authorization: `Bearer ${TEST_API_KEY}` },
    );
    expect(data<{ name: string }>(aNow).name).toBe(a.input.name.replace(/\s+/g, ' ').trim());
  });
});

describe('operator roles', () => {
  const paths = procedures.map(([path]) => path);
  /** What an operator role opens beyond the public procedures. */
  const forRole = (role: OperatorRole) =>
    paths.filter((path) => roleOf(path) !== 'public' && admits(path, `operator (${role})`));

  it('give auditors the access record and reports, and no customer data', () => {
    const auditor = forRole('auditor');
    expect(auditor).toEqual(
      expect.arrayContaining(['ops.accessRecord', 'ops.lifecycleReport', 'backups.list']),
    );
    expect(auditor.filter((p) => p.startsWith('customers.') || p.startsWith('attachments.'))).toEqual([]);
  });

  it('give support the customers and their documents, and no operators, keys, backups or restores', () => {
    const support = forRole('support');
    expect(support).toEqual(
      expect.arrayContaining(['customers.search', 'customers.update', 'attachments.remove']),
    );
    expect(
      support.filter((p) =>
        /^(operators\.(?!changePassword|beginTotp|confirmTotp|acceptInvitation)|ops\.apiKeys|backups\.)/.test(
          p,
        ),
      ),
    ).toEqual([]);
  });

  it('keep operators, keys and restores for admins', () => {
    for (const path of ['operators.invite', 'operators.disable', 'ops.apiKeys.create', 'backups.restore']) {
      expect(forRole('admin')).toContain(path);
    }
  });
});
