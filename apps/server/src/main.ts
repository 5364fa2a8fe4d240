import type { AddressInfo } from 'node:net';
import { buildApp, REDACTED_PATHS } from './app.ts';
import { scheduleUploadSweep } from './attachments/sweep.ts';
import { type AwsSettings, createAwsClients } from './aws.ts';
import { loadEnv } from './env.ts';
import { applyLocalInfra, localSecret, startLocalStack } from './local-stack.ts';
import { createServices } from './services.ts';

const LOCAL_BUCKET = 'cadastro-local';

async function main() {
  const env = loadEnv();
  const local = env.CADASTRO_MODE === 'local' ? await startLocalStack(env.DATA_DIR) : null;
  const stopLocal = () => local?.stop() ?? Promise.resolve();
  try {
    const settings: AwsSettings = local?.settings ?? {
      region: env.AWS_REGION!,
      dynamodbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      s3Endpoint: env.AWS_ENDPOINT_URL_S3,
    };
    const bucket = env.CADASTRO_BUCKET ?? LOCAL_BUCKET;
    const aws = createAwsClients(settings);
    if (local) {
      const unsupported = await applyLocalInfra(aws, {
        region: settings.region,
        table: env.CADASTRO_TABLE,
        bucket,
        corsOrigins: env.PORT ? [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`] : [],
      });
      if (unsupported.length) {
        console.log(`  Not implemented by the local stand-ins (applied on AWS by "pnpm infra apply"):`);
        for (const line of unsupported) console.log(`    ${line}`);
      }
    }
    const services = createServices(aws, {
      table: env.CADASTRO_TABLE,
      bucket,
      blindIndexSecret: env.CADASTRO_BLIND_INDEX_SECRET ?? localSecret(env.DATA_DIR, 'blind-index'),
      apiKeys: env.CADASTRO_API_KEYS,
      attachments: { maxBytes: env.CADASTRO_ATTACHMENT_MAX_BYTES },
    });
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

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      stopSweep();
      await app.close(); // stops accepting, lets in-flight requests finish
      await stopLocal();
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
  } catch (error) {
    await stopLocal();
    throw error;
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
