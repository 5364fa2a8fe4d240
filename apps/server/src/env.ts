import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTACHMENT_MAX_BYTES_CEILING, ATTACHMENT_MAX_BYTES_DEFAULT } from '@cadastro/contracts';
// The names module alone: the package's index would bring the whole infra engine into the server's start-up.
import { bucketNameSchema, tableNameSchema } from '@cadastro/infra/names';
import { Cron } from 'croner';
import { z } from 'zod';

/**
 * The only place that reads `process.env`. A bad value stops the start with a message naming the variable.
 * AWS settings use the SDK's own variable names; credentials come from the SDK's default chain.
 */
const optionalUrl = z.url().optional();
/** `a, b,,c` → `['a', 'b', 'c']`; unset → `[]`. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `local` starts DynamoDB Local and s3rver under DATA_DIR; `aws` uses AWS or the endpoints given. */
  CADASTRO_MODE: z.enum(['local', 'aws']).optional(),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Sessions, logs and (locally) the emulators' data: the EBS volume on EC2. */
  DATA_DIR: z.string().min(1).default('.data'),
  CADASTRO_TABLE: tableNameSchema.default('cadastro'),
  CADASTRO_BUCKET: bucketNameSchema.optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  AWS_ENDPOINT_URL_S3: optionalUrl,
  /** The SDK's own variable for SES v2 (an emulator); unset on AWS. */
  AWS_ENDPOINT_URL_SESV2: optionalUrl,
  /** Where the app is reached (links in e-mails); `http://localhost:PORT` when unset. */
  CADASTRO_APP_URL: optionalUrl.transform((v) => v?.replace(/\/+$/, '')),
  /** The sender of account e-mails, an address verified in SES. */
  CADASTRO_MAIL_FROM: z.email().optional(),
  /** `ses` sends through Amazon SES; `outbox` writes `.eml` files under DATA_DIR/outbox. Default: `ses` outside local mode when CADASTRO_MAIL_FROM is set. */
  CADASTRO_MAIL: z.enum(['ses', 'outbox']).optional(),
  /** A ViaCEP-compatible address lookup, `{cep}` standing for the 8 digits; none (the form is typed) when unset. */
  CADASTRO_CEP_LOOKUP_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || (URL.canParse(v.replace('{cep}', '01310100')) && v.includes('{cep}')),
      'a URL with {cep}, e.g. https://viacep.com.br/ws/{cep}/json/',
    ),
  /** How long the lookup may take before the form goes on without it, in milliseconds. */
  CADASTRO_CEP_LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2000),
  /** Bootstrap service API keys, comma-separated, each at least 32 characters. */
  CADASTRO_API_KEYS: commaList.pipe(
    z.array(
      z.string().min(32, 'each key at least 32 characters').max(512, 'each key at most 512 characters'),
    ),
  ),
  /** Secret for the blind indexes of CPF and e-mail. Generated and kept under DATA_DIR in local mode. */
  CADASTRO_BLIND_INDEX_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** When to back up on its own, as a cron expression (`0 3 * * *`: daily at 03:00); none when unset. */
  CADASTRO_BACKUP_SCHEDULE: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isCronExpression(v), 'a cron expression such as "0 3 * * *"'),
  /** The time zone the schedule is read in. */
  CADASTRO_BACKUP_TIMEZONE: z
    .string()
    .default('America/Sao_Paulo')
    .refine(isTimeZone, 'an IANA time zone such as America/Sao_Paulo'),
  /**
   * Scheduled jobs (backups, the upload sweep) run once per deployment under a lease of this many seconds, renewed
   * while they run: after a crash, another instance takes the job over within this time.
   */
  CADASTRO_JOB_LEASE_SECONDS: z.coerce.number().int().min(4).max(3600).default(60),
  /**
   * On SIGTERM the server first fails `/readyz` for this many seconds, still serving, so the load balancer stops
   * sending it requests; then it finishes those in flight and closes its connections. (Ctrl-C skips the wait.)
   */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(25).default(5),
  /** Largest attachment accepted, in bytes (default 10 MB, at most S3's 5 GiB for one POST). */
  CADASTRO_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(ATTACHMENT_MAX_BYTES_CEILING)
    .default(ATTACHMENT_MAX_BYTES_DEFAULT),
  /** How often the sweep removes abandoned uploads (their item and object), in seconds; 0 turns it off. */
  CADASTRO_UPLOAD_SWEEP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * The load balancer's addresses or CIDRs, comma-separated (`10.0.0.0/16, 10.1.0.0/16`): only requests from
   * them have their `X-Forwarded-For` and `X-Forwarded-Proto` believed. A hop count is refused (it cannot be
   * honoured safely); `true` trusts everyone and is warned about at start.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): boolean | string[] => {
      const value = v?.trim() ?? '';
      if (value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message:
            "a hop count cannot be honoured: give the load balancer's addresses or CIDRs, e.g. 10.0.0.0/16",
        });
        return z.NEVER;
      }
      const entries = value
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      const invalid = entries.filter((e) => !isAddressOrCidr(e));
      if (invalid.length) {
        ctx.addIssue({ code: 'custom', message: `not an address or CIDR: ${invalid.join(', ')}` });
        return z.NEVER;
      }
      return entries;
    }),
  /** Extra origins (besides the server's own) allowed to make cookie-authenticated calls, comma-separated. */
  CADASTRO_ALLOWED_ORIGINS: commaList.pipe(z.array(z.url())),
  /**
   * Where sessions live: `sqlite` on this server's DATA_DIR (one server, the default) or `dynamodb` in the table
   * (several servers behind the load balancer: a session started on one works on all).
   */
  SESSION_STORE: z.enum(['sqlite', 'dynamodb']).default('sqlite'),
  /** A session ends after this many minutes without a request… */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** …and in any case this many hours after sign-in. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Registration and sign-in calls allowed per client IP in each window. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  /** Where those calls are counted: `memory` (one server) or `dynamodb` (shared by every server). */
  RATE_LIMIT_STORE: z.enum(['memory', 'dynamodb']).default('memory'),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Whether admins must enrol an authenticator (TOTP) before anything else in /admin. */
  CADASTRO_ADMIN_TOTP: z.enum(['required', 'optional']).default('required'),
  /**
   * A read by staff is answered once its access record is in the journal on DATA_DIR; the journal is flushed to the
   * table when its oldest item is this old (or sooner, 100 items at a time, under load). See the README.
   */
  ACCESS_JOURNAL_FLUSH_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  /** How many days the access record keeps each read of a customer's data by staff (LGPD Art. 37). */
  ACCESS_RECORD_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(1825),
  /** The first operator, created on the first start when none exists. */
  CADASTRO_ADMIN_EMAIL: z.email().default('admin@cadastro.local'),
  /** Its password; when unset, one is generated and shown once on the console. */
  CADASTRO_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  /** Log files under DATA_DIR/logs roll daily and at this size (pino-roll units: k, m, g)… */
  LOG_FILE_SIZE: z
    .string()
    .regex(/^\d+[kmg]?$/, 'a size such as 10m')
    .default('10m'),
  /** …and this many rolled files are kept. */
  LOG_RETENTION_FILES: z.coerce.number().int().min(1).default(14),
  /** `false` under systemd: the files under DATA_DIR/logs are then the only copy of each line. */
  LOG_STDOUT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built SPA to serve. */
  WEB_DIR: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
});

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** Settings that start but deserve a word in the log. */
export function configurationWarnings(env: Env): string[] {
  return env.TRUST_PROXY === true
    ? [
        "TRUST_PROXY=true believes X-Forwarded-For from anyone: clients can forge their IP past the rate limits. Set the load balancer's CIDRs instead.",
      ]
    : [];
}

function isCronExpression(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  // Canonical names are listed without loading ICU's time-zone data, which a DateTimeFormat maps in (about 6 MiB
  // of the idle server's RSS, measured); aliases and anything else are left to DateTimeFormat.
  if (Intl.supportedValuesOf('timeZone').includes(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema> & {
  CADASTRO_MODE: 'local' | 'aws';
  CADASTRO_MAIL: 'ses' | 'outbox';
};

/** Credentials the SDK would find without an instance role: then the user means AWS, not the local default. */
function hasAwsCredentialHints(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.AWS_ACCESS_KEY_ID ||
      env.AWS_PROFILE ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      existsSync(join(homedir(), '.aws', 'credentials')),
  );
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  // With no endpoint and no credentials there is no AWS to talk to: run the local stand-ins. Never in
  // production: an EC2 instance role leaves no hint in the environment, and the release has no emulators.
  const mode =
    env.CADASTRO_MODE ??
    (env.NODE_ENV !== 'production' &&
    !env.AWS_ENDPOINT_URL_DYNAMODB &&
    !env.AWS_ENDPOINT_URL_S3 &&
    !hasAwsCredentialHints(source)
      ? 'local'
      : 'aws');
  if (mode === 'aws') {
    const missing = (['AWS_REGION', 'CADASTRO_BUCKET', 'CADASTRO_BLIND_INDEX_SECRET'] as const).filter(
      (k) => !env[k],
    );
    if (missing.length) {
      throw new Error(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required outside local mode`).join('\n')}`,
      );
    }
  }
  const mail = env.CADASTRO_MAIL ?? (mode === 'aws' && env.CADASTRO_MAIL_FROM ? 'ses' : 'outbox');
  if (mail === 'ses') {
    const missing = (['CADASTRO_MAIL_FROM', 'CADASTRO_APP_URL'] as const).filter((k) => !env[k]);
    if (missing.length) {
      throw new Error(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required to send e-mail through SES`).join('\n')}`,
      );
    }
  }
  return { ...env, CADASTRO_MODE: mode, CADASTRO_MAIL: mail };
}
