import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { newRegistration } from '@cadastro/contracts/testing';
import { startTestServer, TEST_OPERATOR, type TestServer } from '@cadastro/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCadastroClient } from '../src/index.ts';

/**
 * The package as another team gets it: `pnpm build` and `pnpm pack`, then a plain TypeScript project outside
 * the workspace installs the tarball, typechecks a wrong call (refused) and a right one, and runs the right one
 * against a live server (DynamoDB Local and s3rver, as `pnpm start` runs) with scoped keys.
 */
const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(packageDir, '../..');
/** Per step; building runs TypeScript over the server's sources and takes minutes when every core is busy. */
const STEP_MS = 600_000;

/** The consumer runs outside the workspace: nothing of pnpm's workspace settings may reach it. */
const outsideEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|INIT_CWD$|TURBO_)/i.test(name)),
);
/** The versions installed here, so the consumer's install comes from the local store. */
const installed = (name: string) =>
  (createRequire(join(packageDir, 'package.json'))(`${name}/package.json`) as { version: string }).version;

const WRONG = `import { createCadastroClient } from '@cadastro/client';

const cadastro = createCadastroClient({ url: 'http://127.0.0.1:9', apiKey: 'unused' });
await cadastro.customers.lookup.mutate({ by: 'cpf', cpfNumber: '529.982.247-25' });
await cadastro.customers.list.query({ limit: 'ten' });
`;

/** Prints what it saw as JSON: the lookup, the refusals, and every URL the client requested. */
const RIGHT = `import { type CadastroOutputs, createCadastroClient, errorReason, TRPCClientError } from '@cadastro/client';

const [url, lookupKey, readOnlyKey, cpf, email, backupId] = process.argv.slice(2) as [
  string, string, string, string, string, string,
];
const requested: string[] = [];
const recording: typeof fetch = (input, init) => {
  requested.push(input instanceof Request ? input.url : String(input));
  return fetch(input, init);
};

const lookup = createCadastroClient({ url, apiKey: lookupKey, fetch: recording });
const found: CadastroOutputs['customers']['lookup'] = await lookup.customers.lookup.mutate({ by: 'cpf', value: cpf });
const id: string = found.id;
const byEmail = await lookup.customers.lookup.mutate({ by: 'email', value: email });
// @ts-expect-error: outputs are typed (an id is a string): this line proves the types are not \`any\`.
const notANumber: number = found.id;

async function refusal(call: () => Promise<unknown>) {
  try {
    await call();
    return { refused: false };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    return { refused: true, code: error.data?.code, reason: errorReason(error), message: error.message };
  }
}
const readOnly = createCadastroClient({ url, apiKey: readOnlyKey, fetch: recording });
const page = await readOnly.customers.list.query({ limit: 5 });
const create = await refusal(() => readOnly.backups.create.mutate());
const restore = await refusal(() =>
  readOnly.backups.restore.mutate({ backupId, mode: 'apply', allowNonEmpty: true }),
);
const lookupWithReadOnly = await refusal(() => readOnly.customers.lookup.mutate({ by: 'cpf', value: cpf }));
console.log(JSON.stringify({ id, byEmail: byEmail.id, notANumber, listed: page.items.length, create, restore, lookupWithReadOnly, requested }));
`;

let server: TestServer;
let work: string;
let tarball: string;
let consumer: string;

beforeAll(async () => {
  server = await startTestServer({ s3: 's3rver' });
  work = mkdtempSync(join(tmpdir(), 'cadastro-client-package-'));
}, STEP_MS);
afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('@cadastro/client as a package', () => {
  it(
    'builds and packs a tarball that depends on @trpc/* only, with no workspace range',
    async () => {
      await run('pnpm', ['run', 'build'], { cwd: packageDir });
      await run('pnpm', ['pack', '--pack-destination', work], { cwd: packageDir });
      const packed = readdirSync(work).filter((name) => name.endsWith('.tgz'));
      expect(packed).toHaveLength(1);
      tarball = join(work, packed[0]!);

      const { stdout: listing } = await run('tar', ['-tzf', tarball]);
      expect(listing.trim().split('\n').sort()).toEqual([
        'package/README.md',
        'package/index.d.ts',
        'package/index.js',
        'package/package.json',
      ]);
      const { stdout: manifestText } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
      expect(manifestText).not.toMatch(/workspace:|catalog:/);
      const manifest = JSON.parse(manifestText);
      expect(Object.keys(manifest.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server']);
      expect(manifest.devDependencies).toBeUndefined();
      expect(manifest.peerDependencies).toBeUndefined();

      const { stdout: declarations } = await run('tar', ['-xzOf', tarball, 'package/index.d.ts']);
      const imports = [...declarations.matchAll(/\bfrom '([^']+)'|import\('([^']+)'\)/g)].map(
        (m) => m[1] ?? m[2],
      );
      expect(new Set(imports)).toEqual(new Set(['@trpc/server', '@trpc/client']));
      // The server's context never reaches the published types.
      expect(declarations).not.toMatch(/interface (Context|Services)\b|FastifyBaseLogger|EntityItem/);
    },
    STEP_MS,
  );

  it(
    'installs into a plain TypeScript project outside the workspace; a wrong call fails to typecheck, a right one passes',
    async () => {
      consumer = join(work, 'consumer');
      expect(relative(repoRoot, consumer).startsWith('..')).toBe(true);
      mkdirSync(join(consumer, 'src'), { recursive: true });
      const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
      writeFileSync(
        join(consumer, 'package.json'),
        JSON.stringify({
          name: 'another-team-service',
          private: true,
          type: 'module',
          packageManager: rootManifest.packageManager,
          dependencies: {
            '@cadastro/client': `file:${tarball}`,
            typescript: installed('typescript'),
            '@types/node': installed('@types/node'),
          },
        }),
      );
      const compilerOptions = {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        types: ['node'],
        outDir: 'out',
        rootDir: 'src',
      };
      writeFileSync(
        join(consumer, 'tsconfig.json'),
        JSON.stringify({ compilerOptions, files: ['src/right.ts'] }),
      );
      writeFileSync(
        join(consumer, 'tsconfig.wrong.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: { noEmit: true },
          files: ['src/wrong.ts'],
        }),
      );
      writeFileSync(join(consumer, 'src/wrong.ts'), WRONG);
      writeFileSync(join(consumer, 'src/right.ts'), RIGHT);

      // From the local store; only package metadata pnpm has not cached yet is asked of the registry.
      await run('pnpm', ['install', '--prefer-offline', '--config.confirmModulesPurge=false'], {
        cwd: consumer,
        env: outsideEnv,
      });

      const tsc = (project: string) =>
        run(process.execPath, [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', project], {
          cwd: consumer,
          env: outsideEnv,
        });
      const [wrong, right] = await Promise.allSettled([tsc('tsconfig.wrong.json'), tsc('tsconfig.json')]);
      expect(wrong.status).toBe('rejected');
      const wrongOutput = (wrong as PromiseRejectedResult).reason.stdout as string;
      expect(wrongOutput).toMatch(/src\/wrong\.ts\(4,\d+\): error TS\d+: .*'cpfNumber'/);
      expect(wrongOutput).toMatch(
        /src\/wrong\.ts\(5,\d+\): error TS\d+: .*'string' is not assignable to type 'number'/,
      );
      expect(right.status, right.status === 'rejected' ? right.reason.stdout : '').toBe('fulfilled');
    },
    STEP_MS,
  );

  it(
    'runs against a live server: a customers:lookup key finds a customer by CPF; a read-only key is refused backups.create and backups.restore; no CPF in any URL',
    async () => {
      const admin = await signedInAdmin(server.url);
      const lookupKey = await admin.ops.apiKeys.create.mutate({
        name: 'Portal',
        scopes: ['customers:lookup'],
      });
      const readOnlyKey = await admin.ops.apiKeys.create.mutate({
        name: 'Relatórios',
        scopes: ['customers:read', 'backups:read', 'reports:read'],
      });
      const input = newRegistration();
      const { id } = await createCadastroClient({ url: server.url }).customers.register.mutate(input);
      const backupId = '01936b7e-8d3a-7c41-9a5e-0f6c2d1e4b7a';

      const { stdout } = await run(
        process.execPath,
        ['out/right.js', server.url, lookupKey.key, readOnlyKey.key, input.cpf, input.email, backupId],
        { cwd: consumer, env: outsideEnv },
      );
      const seen = JSON.parse(stdout);
      expect(seen.id).toBe(id);
      expect(seen.byEmail).toBe(id);
      expect(seen.listed).toBeGreaterThan(0);
      expect(seen.create).toMatchObject({ refused: true, code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
      expect(seen.restore).toMatchObject({ refused: true, code: 'FORBIDDEN', reason: 'FORBIDDEN' });
      expect(seen.lookupWithReadOnly).toMatchObject({
        refused: true,
        code: 'FORBIDDEN',
        reason: 'MISSING_SCOPE',
      });

      const cpf = input.cpf.replace(/\D/g, '');
      expect(seen.requested.length).toBeGreaterThanOrEqual(6);
      for (const url of seen.requested as string[]) {
        expect(url.startsWith(`${server.url}/trpc/`)).toBe(true);
        expect(decodeURIComponent(url).replace(/\D/g, '')).not.toContain(cpf);
        expect(decodeURIComponent(url).toLowerCase()).not.toContain(input.email.toLowerCase());
      }
    },
    STEP_MS,
  );
});

/** The bootstrapped admin signed in through the typed client, keeping the session cookie as a browser would. */
async function signedInAdmin(url: string) {
  let cookie = '';
  const withSession: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('origin', url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) cookie = line.split(';')[0] ?? '';
    return res;
  };
  const admin = createCadastroClient({ url, fetch: withSession });
  await admin.auth.operatorSignIn.mutate(TEST_OPERATOR);
  return admin;
}
