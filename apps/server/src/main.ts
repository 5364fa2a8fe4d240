import type { AddressInfo } from 'node:net';
import { buildApp, REDACTED_PATHS } from './app.ts';
import { scheduleUploadSweep } from './attachments/sweep.ts';
import { startBackupSchedule } from './backups/schedule.ts';
import { loadEnv } from './env.ts';
import { openRuntime } from './runtime.ts';

async function main() {
  const env = loadEnv();
  const runtime = await openRuntime(env);
  try {
    const { services, settings, local, aws, bucket } = runtime;
    const app = await buildApp({
      services,
      webDir: env.WEB_DIR,
      logger: { level: env.LOG_LEVEL, redact: REDACTED_PATHS },
    });

    const stopSweep =
      env.CADASTRO_UPLOAD_SWEEP_SECONDS > 0
        ? scheduleUploadSweep(
            { attachments: services.attachments, s3: aws.s3, bucket },
            {
              intervalSeconds: env.CADASTRO_UPLOAD_SWEEP_SECONDS,
              olderThanSeconds: services.attachmentSettings.pendingLifetimeSeconds,
              log: app.log,
            },
          )
        : () => {};
    const backupSchedule = env.CADASTRO_BACKUP_SCHEDULE
      ? startBackupSchedule(services.backups, {
          expression: env.CADASTRO_BACKUP_SCHEDULE,
          timezone: env.CADASTRO_BACKUP_TIMEZONE,
          log: app.log,
        })
      : null;

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      stopSweep();
      backupSchedule?.stop();
      await app.close(); // stops accepting, lets in-flight requests finish
      await runtime.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));

    const host = env.HOST ?? (local ? '127.0.0.1' : '0.0.0.0');
    await app.listen({ port: env.PORT, host });
    const { port } = app.server.address() as AddressInfo;
    const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
    const where = local ? `local mode, data in ${env.DATA_DIR}` : `AWS ${settings.region}`;
    console.log(`\n  Cadastro is running at http://${shown}:${port}  (${where})\n`);
    if (backupSchedule) console.log(`  Next backup: ${backupSchedule.next()?.toISOString() ?? 'never'}\n`);
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
