import { spawn } from 'node:child_process';
import type { OperatorView, SessionView } from '@cadastro/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../src/auth/totp.ts';
import { data, registeredCustomer } from './accounts.ts';
import { startTestServer, TEST_OPERATOR, type TestServer } from './harness.ts';
import { type CookieClient, cookieClient } from './trpc-http.ts';

// Production's settings: admins must enrol an authenticator, the bootstrapped password is changed first.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ adminTotp: 'required', firstSignInChange: true });
});
afterAll(() => server?.close());

const NEW_ADMIN_PASSWORD = 'admin-nova-senha-2026';
let admin: CookieClient;
let adminSecret: string;
const reason = (res: { body: { error?: { data: { reason?: string } } } }) => res.body.error?.data.reason;
const inAStep = () => Date.now() + 30_000;

async function signIn(email: string, password: string, totp?: string) {
  const client = cookieClient(server.url);
  const res = await client.mutation('auth.operatorSignIn', { email, password, ...(totp && { totp }) });
  return { client, res };
}

describe('the first admin', () => {
  it('changes the bootstrapped password, then enrols an authenticator, before anything else', async () => {
    ({ client: admin } = await signIn(TEST_OPERATOR.email, TEST_OPERATOR.password));
    expect(data<SessionView>(await admin.query('auth.me'))).toMatchObject({ pending: 'password' });
    expect(reason(await admin.query('customers.list', {}))).toBe('PASSWORD_CHANGE_REQUIRED');

    const wrong = await admin.mutation('operators.changePassword', {
      currentPassword: 'nao-e-esta-123',
      newPassword: NEW_ADMIN_PASSWORD,
    });
    expect(wrong.body.error?.data.fieldErrors).toHaveProperty('currentPassword');
    const changed = await admin.mutation('operators.changePassword', {
      currentPassword: TEST_OPERATOR.password,
      newPassword: NEW_ADMIN_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(reason(await admin.query('customers.list', {}))).toBe('TOTP_ENROLMENT_REQUIRED');

    const enrolment = data<{ secret: string; uri: string }>(await admin.mutation('operators.beginTotp', {}));
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Cadastro:.*secret=/);
    expect(reason(await admin.mutation('operators.confirmTotp', { code: '000000' }))).toBe('TOTP_INVALID');
    const confirmed = await admin.mutation('operators.confirmTotp', { code: totpCode(enrolment.secret) });
    expect(confirmed.status).toBe(200);
    adminSecret = enrolment.secret;
    expect((await admin.query('customers.list', {})).status).toBe(200);
  });

  it('signs in with the code from then on; a code works once', async () => {
    const bare = await signIn(TEST_OPERATOR.email, NEW_ADMIN_PASSWORD);
    expect(reason(bare.res)).toBe('TOTP_REQUIRED');
    expect(bare.client.cookie).toBeNull();
    const code = totpCode(adminSecret, inAStep());
    const withCode = await signIn(TEST_OPERATOR.email, NEW_ADMIN_PASSWORD, code);
    expect(withCode.res.status).toBe(200);
    expect(data<SessionView>(withCode.res)).toMatchObject({
      operatorRole: 'admin',
      pending: null,
      totpEnabled: true,
    });
    const replay = await signIn(TEST_OPERATOR.email, NEW_ADMIN_PASSWORD, code);
    expect(reason(replay.res)).toBe('TOTP_INVALID');
    admin = withCode.client;
  });

  it('cannot disable or demote the last active admin', async () => {
    const me = data<{ operatorId: string }>(await admin.query('auth.me'));
    expect(reason(await admin.mutation('operators.disable', { id: me.operatorId }))).toBe('LAST_ADMIN');
    expect(reason(await admin.mutation('operators.setRole', { id: me.operatorId, role: 'support' }))).toBe(
      'LAST_ADMIN',
    );
  });
});

describe('a support operator', () => {
  const email = 'suporte@example.com';
  let link: string;
  let support: CookieClient;
  let supportId: string;

  it('is invited with a single-use link, chooses a password and is signed in', async () => {
    const invited = await admin.mutation('operators.invite', {
      email,
      name: 'Sônia Suporte',
      role: 'support',
    });
    ({ link } = data<{ link: string; operator: OperatorView }>(invited));
    supportId = data<{ operator: OperatorView }>(invited).operator.id;
    expect(link).toMatch(/^\/admin\/convite#/);
    expect(reason(await signIn(email, 'qualquer-senha-123').then((r) => r.res))).toBe('INVALID_CREDENTIALS');
    const again = await admin.mutation('operators.invite', { email, name: 'Outra', role: 'auditor' });
    expect(reason(again)).toBe('OPERATOR_EXISTS');

    support = cookieClient(server.url);
    const token = link.split('#')[1];
    const accepted = await support.mutation('operators.acceptInvitation', {
      token,
      password: 'suporte-senha-2026',
    });
    expect(accepted.status).toBe(200);
    expect(data<SessionView>(await support.query('auth.me'))).toMatchObject({
      operatorRole: 'support',
      pending: null,
    });
    const reused = await cookieClient(server.url).mutation('operators.acceptInvitation', {
      token,
      password: 'outra-senha-2026',
    });
    expect(reason(reused)).toBe('INVITATION_INVALID');
  });

  it('reads and corrects customers, and is refused operators, keys and backups', async () => {
    const customer = await registeredCustomer(server, { name: 'Heloísa Prado Vasconcelos' });
    const found = await support.query('customers.search', { by: 'name', query: 'vascon' });
    expect(data<{ items: Array<{ id: string }> }>(found).items.map((c) => c.id)).toEqual([customer.id]);
    const corrected = await support.mutation('customers.update', {
      id: customer.id,
      version: 1,
      changes: { name: 'Heloísa Prado Vasconcellos' },
    });
    expect(corrected.status).toBe(200);
    for (const [kind, path] of [
      ['query', 'operators.list'],
      ['query', 'ops.apiKeys.list'],
      ['mutation', 'backups.create'],
    ] as const) {
      const res = kind === 'query' ? await support.query(path) : await support.mutation(path, {});
      expect(res.status, path).toBe(403);
    }
  });

  it('loses access at once when disabled, and gets a new link when reset', async () => {
    await admin.mutation('operators.disable', { id: supportId });
    expect((await support.query('customers.list', {})).status).toBe(401);
    expect(reason(await signIn(email, 'suporte-senha-2026').then((r) => r.res))).toBe('INVALID_CREDENTIALS');
    await admin.mutation('operators.enable', { id: supportId });
    expect((await signIn(email, 'suporte-senha-2026')).res.status).toBe(200);

    const reset = data<{ link: string }>(await admin.mutation('operators.resetPassword', { id: supportId }));
    expect(reason(await signIn(email, 'suporte-senha-2026').then((r) => r.res))).toBe('INVALID_CREDENTIALS');
    const client = cookieClient(server.url);
    const token = reset.link.split('#')[1];
    expect(
      (await client.mutation('operators.acceptInvitation', { token, password: 'suporte-nova-2026' })).status,
    ).toBe(200);
    const listed = data<OperatorView[]>(await admin.query('operators.list'));
    expect(listed.find((o) => o.id === supportId)).toMatchObject({ status: 'active', role: 'support' });
  });
});

describe('pnpm operator reset-password', () => {
  it('gives a lost admin a password shown once, to change at the next sign-in, and discards the authenticator', async () => {
    // The instance's configuration, pointed at this test's DynamoDB Local, table and DATA_DIR (sessions).
    const { region, credentials } = inject('localAws');
    const env = {
      ...process.env,
      CADASTRO_MODE: 'aws',
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: inject('localAws').dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: inject('localAws').s3Endpoint,
      CADASTRO_TABLE: server.table,
      CADASTRO_BUCKET: server.bucket,
      CADASTRO_BLIND_INDEX_SECRET: server.blindIndexSecret,
      DATA_DIR: server.dataDir,
    };
    const output = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/operator.ts', 'reset-password', TEST_OPERATOR.email],
        {
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(output.code).toBe(0);
    const password = /password: (\S+)/.exec(output.stdout)?.[1];
    expect(password).toBeTruthy();
    const { client, res } = await signIn(TEST_OPERATOR.email, password!);
    expect(res.status).toBe(200);
    expect(data<SessionView>(await client.query('auth.me'))).toMatchObject({
      pending: 'password',
      totpEnabled: false,
    });
    expect((await admin.query('customers.list', {})).status).toBe(401);
  });
});
