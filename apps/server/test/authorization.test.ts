import { API_KEY_SCOPES, type ApiKeyScope, OPERATOR_ROLES, type OperatorRole } from '@cadastro/contracts';
import type { AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/context.ts';
import { appRouter } from '../src/router.ts';
import type { Meta } from '../src/trpc.ts';
import { data, registeredCustomer, signedInOperator } from './accounts.ts';
import { asOperator, callerFor, startTestServer, TEST_API_KEY, type TestServer } from './harness.ts';
import { trpcMutation, trpcQuery } from './trpc-http.ts';
import { pdf, postUpload } from './uploads.ts';

/**
 * The authorization matrix: every procedure of the router × every kind of caller — anonymous, a customer, each
 * operator role, and an API key for each scope — called for real. Who may call what is written out below by hand,
 * one rule per procedure: a procedure added without a rule here fails, and so does one whose declared role, scope
 * or operator roles admit anyone else, so that opening a procedure is always a decision someone wrote down.
 */
type CallerName = 'anonymous' | 'customer' | `operator (${OperatorRole})` | `key (${ApiKeyScope})`;

const OPERATORS = OPERATOR_ROLES.map((role) => `operator (${role})` as const);
const KEYS = API_KEY_SCOPES.map((scope) => `key (${scope})` as const);
const EVERYONE: readonly CallerName[] = ['anonymous', 'customer', ...OPERATORS, ...KEYS];
const ADMIN_ONLY: readonly CallerName[] = ['operator (admin)'];
const SUPPORT: readonly CallerName[] = ['operator (admin)', 'operator (support)'];
const AUDIT: readonly CallerName[] = ['operator (admin)', 'operator (auditor)'];

/** The policy. Keys appear only where a procedure reads, plus `backups.create`: keys never change documents. */
const RULES: Record<string, readonly CallerName[]> = {
  health: EVERYONE,
  'auth.signIn': EVERYONE,
  'auth.operatorSignIn': EVERYONE,
  'auth.requestPasswordReset': EVERYONE,
  'auth.resetPassword': EVERYONE,
  'auth.confirmEmail': EVERYONE,
  'auth.resendEmailConfirmation': ['customer'],
  'auth.signOut': EVERYONE,
  'auth.me': EVERYONE,
  'addresses.lookupCep': EVERYONE,
  'customers.register': EVERYONE,
  'customers.me': ['customer'],
  'customers.updateMe': ['customer'],
  'customers.setConsent': ['customer'],
  'customers.exportMe': ['customer'],
  'customers.deleteMe': ['customer'],
  'customers.accessLog': ['customer'],
  'customers.get': [...SUPPORT, 'key (customers:read)'],
  'customers.list': [...SUPPORT, 'key (customers:read)'],
  'customers.lookup': [...SUPPORT, 'key (customers:lookup)'],
  'customers.search': SUPPORT,
  'customers.update': SUPPORT,
  'customers.delete': SUPPORT,
  'customers.events': SUPPORT,
  'attachments.rules': ['customer', ...SUPPORT, 'key (customers:read)'],
  'attachments.list': ['customer', ...SUPPORT, 'key (customers:read)'],
  'attachments.get': ['customer', ...SUPPORT, 'key (customers:read)'],
  'attachments.downloadUrl': ['customer', ...SUPPORT, 'key (customers:read)'],
  'attachments.createUpload': ['customer', ...SUPPORT],
  'attachments.confirm': ['customer', ...SUPPORT],
  'attachments.requestRestore': ['customer', ...SUPPORT],
  'attachments.remove': ['customer', ...SUPPORT],
  'backups.create': [...ADMIN_ONLY, 'key (backups:run)'],
  'backups.list': [...AUDIT, 'key (backups:read)'],
  'backups.get': [...AUDIT, 'key (backups:read)'],
  'backups.progress': [...AUDIT, 'key (backups:read)'],
  'backups.restore': ADMIN_ONLY,
  'backups.restoreFromArchive': ADMIN_ONLY,
  'ops.apiKeys.create': ADMIN_ONLY,
  'ops.apiKeys.list': ADMIN_ONLY,
  'ops.apiKeys.revoke': ADMIN_ONLY,
  'ops.accessRecord': AUDIT,
  'ops.lifecycleReport': [...AUDIT, 'key (reports:read)'],
  'operators.list': ADMIN_ONLY,
  'operators.invite': ADMIN_ONLY,
  'operators.resetPassword': ADMIN_ONLY,
  'operators.disable': ADMIN_ONLY,
  'operators.enable': ADMIN_ONLY,
  'operators.setRole': ADMIN_ONLY,
  'operators.acceptInvitation': EVERYONE,
  'operators.changePassword': OPERATORS,
  'operators.beginTotp': OPERATORS,
  'operators.confirmTotp': OPERATORS,
};
/** Mutations a key may call: a lookup (a read, sent as POST to keep the CPF out of URLs) and starting a backup. */
const KEY_MUTATIONS = ['customers.lookup', 'backups.create'];

const DENIED_REASONS = ['UNAUTHENTICATED', 'FORBIDDEN', 'MISSING_SCOPE'];
/** Invalid for every procedure that takes input, so allowed calls stop at validation and change nothing. */
const PROBE = '__authorization-probe__';

let server: TestServer;
let callers: Record<CallerName, Caller>;
/** `path → procedure`, flattened by tRPC (`customers.get`, `ops.apiKeys.create`, …). */
const byPath = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(byPath);
const metaOf = (path: string) => byPath[path]!._def.meta as Meta | undefined;
const roleOf = (path: string) => metaOf(path)?.role;
const typeOf = (path: string) => byPath[path]!._def.type;
/** Who the policy lets call a procedure. */
const admits = (path: string, name: CallerName) => (RULES[path] ?? []).includes(name);
/** Who actually got past authorization, filled in by the matrix below. */
const observed = new Map<string, CallerName[]>();

beforeAll(async () => {
  server = await startTestServer();
  const a = await registeredCustomer(server);
  const operator = await server.services.operators.getByEmail('operadora@example.com');
  callers = {
    anonymous: { role: 'anonymous' },
    customer: { role: 'customer', customerId: a.id },
    ...(Object.fromEntries(
      OPERATOR_ROLES.map((role) => [`operator (${role})`, asOperator(operator!.operatorId, role)]),
    ) as Record<`operator (${OperatorRole})`, Caller>),
    ...(Object.fromEntries(
      API_KEY_SCOPES.map((scope): [string, Caller] => [
        `key (${scope})`,
        { role: 'service', keyId: scope, name: scope, scopes: [scope] },
      ]),
    ) as Record<`key (${ApiKeyScope})`, Caller>),
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
  it('has a rule for every procedure of the router, and none for a procedure that is gone', () => {
    expect(paths.length).toBeGreaterThan(15);
    expect(
      paths.filter((path) => !RULES[path]),
      'procedures without a rule in RULES',
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((path) => !byPath[path]),
      'rules for missing procedures',
    ).toEqual([]);
  });

  it.each(paths)('%s declares a role', (path) => {
    expect(['public', 'customer', 'operator', 'service', 'staff', 'customerOrStaff']).toContain(roleOf(path));
  });

  it.each(paths)('%s admits exactly the callers its rule names', async (path) => {
    const admitted: CallerName[] = [];
    for (const name of EVERYONE) {
      const reason = await reasonOf(path, callers[name]);
      if (!DENIED_REASONS.includes(reason ?? '')) admitted.push(name);
      if (name.startsWith('key (') && !admits(path, name) && roleOf(path) !== 'public') {
        // A key with other scopes than the one a procedure needs is told which; one no key may call is not.
        expect(reason, `${path} as ${name}`).toBe(metaOf(path)?.scope ? 'MISSING_SCOPE' : 'FORBIDDEN');
      }
    }
    observed.set(path, admitted);
    expect(admitted).toEqual(EVERYONE.filter((name) => admits(path, name)));
  });

  it('never lets a key change a document, restore, or manage keys and operators', () => {
    for (const path of paths.filter((p) => roleOf(p) !== 'public')) {
      const keys = (observed.get(path) ?? []).filter((name) => name.startsWith('key ('));
      if (typeOf(path) === 'mutation' && !KEY_MUTATIONS.includes(path)) expect(keys, path).toEqual([]);
      if (
        /^(attachments\.|backups\.restore|ops\.apiKeys\.|operators\.)/.test(path) &&
        typeOf(path) === 'mutation'
      ) {
        expect(keys, path).toEqual([]);
      }
    }
    expect(observed.size, 'the matrix above ran first').toBe(paths.length);
  });

  it('keeps restores that write for admin operators', () => {
    for (const path of ['backups.restore', 'backups.restoreFromArchive']) {
      expect(observed.get(path), path).toEqual(['operator (admin)']);
    }
  });
});

describe('keys and documents over HTTP', () => {
  it('a key with every scope reads a customer’s document but cannot remove, replace, confirm or restore it', async () => {
    const customer = await registeredCustomer(server);
    const asCustomer = callerFor(server, { role: 'customer', customerId: customer.id });
    const bytes = pdf(2048);
    const upload = await asCustomer.attachments.createUpload({
      kind: 'identity',
      fileName: 'rg.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await postUpload(upload, bytes, 'application/pdf');
    const stored = await asCustomer.attachments.confirm({ attachmentId: upload.attachmentId });

    const operator = await signedInOperator(server);
    const created = await operator.mutation('ops.apiKeys.create', {
      name: 'Tudo',
      scopes: [...API_KEY_SCOPES],
    });
    expect(created.status).toBe(200);
    const auth = { authorization: `Bearer ${data<{ key: string }>(created).key}` };
    const ref = { customerId: customer.id, attachmentId: stored.id };

    for (const [path, input] of [
      ['attachments.remove', ref],
      ['attachments.confirm', ref],
      ['attachments.requestRestore', { ...ref, tier: 'Standard', days: 1 }],
      [
        'attachments.createUpload',
        {
          customerId: customer.id,
          kind: 'identity',
          fileName: 'outro.pdf',
          contentType: 'application/pdf',
          size: 10,
        },
      ],
    ] as const) {
      const res = await trpcMutation(server.url, path, input, auth);
      expect(res.status, path).toBe(403);
      expect(res.body.error?.data?.reason, path).toBe('FORBIDDEN');
    }
    const listed = await trpcMutation(server.url, 'attachments.list', { customerId: customer.id }, auth);
    expect(listed.status).toBe(200);
    expect(data<{ items: { id: string; state: string }[] }>(listed).items).toEqual([
      expect.objectContaining({ id: stored.id, state: 'stored' }),
    ]);
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
