import { runCli } from '@cadastro/infra';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEPLOY_CLI } from '../src/commands.ts';
import { uniqueName } from './helpers.ts';

/** `pnpm infra …` (the deploy app's CLI over the infra library's) in process: same argument parsing and exit codes, output captured. */
async function infra(argv: string[], env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const code = await runCli(argv, env, { out: (t) => lines.push(t) }, DEPLOY_CLI);
  return { code, out: lines.join('\n') };
}

describe('pnpm infra', () => {
  const name = uniqueName('cli');
  let env: Record<string, string>;

  beforeAll(() => {
    const aws = inject('localAws');
    // The SDK's default credential chain reads the process environment.
    vi.stubEnv('AWS_ACCESS_KEY_ID', aws.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', aws.credentials.secretAccessKey);
    env = {
      ...aws.env,
      CADASTRO_TABLE: name,
      CADASTRO_BUCKET: name,
      CADASTRO_DENY_INSECURE_TRANSPORT: 'false',
      CADASTRO_CORS_ORIGINS: 'http://localhost:3000',
    };
  });

  it('plan --check exits 2 on drift and 0 once apply has run; --json is parseable', async () => {
    const before = await infra(['plan', '--check', '--json'], env);
    expect(before.code).toBe(2);
    expect(JSON.parse(before.out)).toMatchObject({ drift: true, failed: false });

    const applied = await infra(['apply'], env);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('lifecycle rules');
    expect(applied.out).toMatch(/point-in-time recovery\s+not supported by this endpoint/);

    const after = await infra(['plan', '--check'], env);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/Plan: \d+ unchanged, 1 not supported by this endpoint\./);
  });

  it('lifecycle-report prints the report of the configured bucket', async () => {
    const report = await infra(['lifecycle-report', '--json'], env);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.out)).toMatchObject({ bucket: name, totals: { objects: 0, bytes: 0 } });
  });

  it('names what is missing instead of guessing', async () => {
    await expect(infra(['iam-policy'], env)).rejects.toThrow(/AWS_ACCOUNT_ID/);
    await expect(infra(['plan'], { ...env, AWS_REGION: undefined })).rejects.toThrow(/AWS_REGION/);
    const { AWS_ENDPOINT_URL_S3: _, ...awsEnv } = env;
    await expect(infra(['lifecycle-simulate', '--as-of', '2027-06-01'], awsEnv)).rejects.toThrow(
      /local endpoint/,
    );
    expect((await infra(['frobnicate'], env)).code).toBe(1);
  });

  it('takes flags in place of variables', async () => {
    const { out, code } = await infra(
      ['iam-policy', '--account-id', '123456789012', '--region', 'sa-east-1'],
      env,
    );
    expect(code).toBe(0);
    expect(out).toContain(`arn:aws:dynamodb:sa-east-1:123456789012:table/${name}`);
  });
});
