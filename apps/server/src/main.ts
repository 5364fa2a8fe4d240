import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRateCounters } from '@cadastro/db';
import { buildApp } from './app.ts';
import { scheduleUploadSweep } from './attachments/sweep.ts';
import { bootstrapFirstOperator } from './auth/operator-bootstrap.ts';
import { s3BrowserOrigins } from './aws.ts';
import { startBackupSchedule } from './backups/schedule.ts';
import { configurationWarnings, loadEnv } from './env.ts';
import { createSlotRunner, sleep } from './jobs/once-per-slot.ts';
import { createLogger } from './logging.ts';
import { lazyMailer } from './mail/mailer.ts';
import { createOutboxMailer } from './mail/outbox.ts';
import { connectAws } from './runtime.ts';
import { localSecret, writeSecretFile } from './secret-files.ts';
import { createServices } from './services.ts';
import { createSessionStore } from './sessions/choose-store.ts';
import { sharedRateLimitStore } from './shared-rate-limit.ts';

const SWEEP_INTERVAL_MS = 10 * 60_000;
/** The longest the shutdown waits for the access journal to reach the table (within the unit's TimeoutStopSec). */
const ACCESS_JOURNAL_CLOSE_MS = 4_000;

/**
 * Every interface, IPv4 included (a dual-stack socket). Not `0.0.0.0`: for that address Fastify lists the
 * machine's interfaces to log them, which needs a netlink socket, and the systemd unit allows only AF_INET,
 * AF_INET6 and AF_UNIX (`uv_interface_addresses` fails, the server exits). Fastify logs `::` as it is.
 */
const ALL_INTERFACES = '::';

async function main() {
  const env = loadEnv();
  const { logger, close: closeLogs } = await createLogger({
    level: env.LOG_LEVEL,
    dir: join(env.DATA_DIR, 'logs'),
    fileSize: env.LOG_FILE_SIZE,
    retainedFiles: env.LOG_RETENTION_FILES,
    stdout: env.LOG_STDOUT ? undefined : false,
  });
  for (const warning of configurationWarnings(env)) logger.warn(warning);
  const { local, settings, bucket, aws, storage, stop: stopLocal } = await connectAws(env);
  try {
    const mailFrom = env.CADASTRO_MAIL_FROM ?? 'nao-responda@cadastro.local';
    const outbox = join(env.DATA_DIR, 'outbox');
    const mailer =
      env.CADASTRO_MAIL === 'ses'
        ? lazyMailer(async () =>
            (await import('./mail/ses.ts')).createSesMailer(
              { region: settings.region, endpoint: env.AWS_ENDPOINT_URL_SESV2 },
              mailFrom,
            ),
          )
        : createOutboxMailer(outbox, mailFrom, (path) => {
            // The path only: the file name holds no address.
            logger.info({ path }, 'e-mail written to the outbox');
            console.log(`  E-mail written to ${path}`);
          });
    if (env.CADASTRO_MAIL === 'outbox' && !local)
      logger.warn({ outbox }, 'e-mail goes to the outbox, not SES');
    const services = createServices(aws, {
      table: env.CADASTRO_TABLE,
      bucket,
      storage,
      blindIndexSecret: env.CADASTRO_BLIND_INDEX_SECRET ?? localSecret(env.DATA_DIR, 'blind-index'),
      apiKeys: env.CADASTRO_API_KEYS,
      accessRecordRetentionDays: env.ACCESS_RECORD_RETENTION_DAYS,
      // Replays what a previous run journaled and did not store (a crash, SIGKILL) while the server starts.
      accessJournal: {
        dir: join(env.DATA_DIR, 'access-journal'),
        flushMs: env.ACCESS_JOURNAL_FLUSH_MS,
        log: logger,
      },
      adminTotp: env.CADASTRO_ADMIN_TOTP,
      attachments: { maxBytes: env.CADASTRO_ATTACHMENT_MAX_BYTES },
      sessionStore: (db) => createSessionStore(env.SESSION_STORE, env.DATA_DIR, db),
      mail: { mailer, appUrl: env.CADASTRO_APP_URL ?? `http://localhost:${env.PORT}` },
      cepLookup: env.CADASTRO_CEP_LOOKUP_URL
        ? { urlTemplate: env.CADASTRO_CEP_LOOKUP_URL, timeoutMs: env.CADASTRO_CEP_LOOKUP_TIMEOUT_MS }
        : undefined,
      session: {
        idleMs: env.SESSION_IDLE_MINUTES * 60_000,
        absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
      },
    });
    const firstAdmin = await bootstrapFirstOperator(services.operators, services.passwords, {
      email: env.CADASTRO_ADMIN_EMAIL,
      password: env.CADASTRO_ADMIN_PASSWORD,
    });
    // A generated password is shown on the console in local mode only. Elsewhere stdout is a log (the journal):
    // it goes to a file only root and the service user can read; on AWS the stack supplies the password instead.
    const passwordFile =
      firstAdmin?.generatedPassword && !local
        ? writeSecretFile(env.DATA_DIR, 'first-operator-password', firstAdmin.generatedPassword)
        : null;
    if (firstAdmin) logger.info({ passwordFile }, 'first operator created');

    let draining = false;
    const app = await buildApp({
      draining: () => draining,
      services,
      webDir: env.WEB_DIR,
      logger,
      trustProxy: env.TRUST_PROXY,
      protection: {
        rateLimit: {
          max: env.RATE_LIMIT_MAX,
          windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
          ...(env.RATE_LIMIT_STORE === 'dynamodb' && {
            store: sharedRateLimitStore(createRateCounters(services.db)),
          }),
        },
        allowedOrigins: env.CADASTRO_ALLOWED_ORIGINS,
        uploadOrigins: s3BrowserOrigins(settings, bucket),
      },
    });

    // Backups and the upload sweep run on every instance's schedule, each slot once per deployment.
    const jobLease = {
      leaseMs: env.CADASTRO_JOB_LEASE_SECONDS * 1000,
      heartbeatMs: (env.CADASTRO_JOB_LEASE_SECONDS * 1000) / 4,
    };
    const runOnce = createSlotRunner({ db: services.db, log: logger, settings: jobLease });
    const stopSweep =
      env.CADASTRO_UPLOAD_SWEEP_SECONDS > 0
        ? scheduleUploadSweep(
            { attachments: services.attachments, storage: services.storage },
            {
              intervalSeconds: env.CADASTRO_UPLOAD_SWEEP_SECONDS,
              olderThanSeconds: services.attachmentSettings.pendingLifetimeSeconds,
              log: logger,
              runOnce,
            },
          )
        : () => {};
    const sweep = () =>
      services.sessions.sweep().then(
        (removed) => removed && logger.info({ removed }, 'expired sessions swept'),
        (err: Error) => logger.warn({ err: { type: err.name } }, 'session sweep failed'),
      );
    await sweep();
    const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
    sweeper.unref();
    const backupSchedule = env.CADASTRO_BACKUP_SCHEDULE
      ? startBackupSchedule(services.backups, {
          expression: env.CADASTRO_BACKUP_SCHEDULE,
          timezone: env.CADASTRO_BACKUP_TIMEZONE,
          log: logger,
          runOnce,
          lease: jobLease,
        })
      : null;
    if (backupSchedule) logger.info({ next: backupSchedule.next()?.toISOString() }, 'backups scheduled');

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      stopSweep();
      clearInterval(sweeper);
      backupSchedule?.stop();
      // Fail readiness first and keep serving while the load balancer notices and stops sending requests here.
      draining = true;
      if (signal === 'SIGTERM') await sleep(env.SHUTDOWN_DRAIN_SECONDS * 1000);
      // Stops accepting, lets in-flight requests finish, closes idle kept-alive connections.
      await app.close();
      // Every read answered is now journaled: store the tail before the volume may go (scale-in deletes it).
      await services.accessRecords.close(ACCESS_JOURNAL_CLOSE_MS);
      await services.sessions.close();
      await stopLocal();
      await closeLogs();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    if (local) {
      // `pnpm start` does not pass SIGTERM on to its child: when whoever started this process goes away, stop too,
      // so neither the server nor its emulators outlive it. (Under systemd the parent is PID 1 and never changes.)
      const parent = process.ppid;
      setInterval(() => process.ppid !== parent && void shutdown('parent exited'), 1000).unref();
    }

    const host = env.HOST ?? (local ? '127.0.0.1' : ALL_INTERFACES);
    await app.listen({ port: env.PORT, host });
    const { port } = app.server.address() as AddressInfo;
    const shown = [ALL_INTERFACES, '0.0.0.0', '127.0.0.1'].includes(host) ? 'localhost' : host;
    const where = local ? `local mode, data in ${env.DATA_DIR}` : `AWS ${settings.region}`;
    // The console, not the logger: the generated password is shown this once and never written to a log file.
    if (firstAdmin?.generatedPassword && !passwordFile) {
      console.log(
        `\n  First operator created for /admin:\n    e-mail:   ${firstAdmin.email}\n    password: ${firstAdmin.generatedPassword}\n  Shown only this once: keep it now.`,
      );
    }
    console.log(`\n  Cadastro is running at http://${shown}:${port}  (${where})\n`);
  } catch (error) {
    await stopLocal();
    await closeLogs();
    throw error;
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
