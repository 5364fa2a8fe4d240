import { type AwsSettings, createAwsClients } from './aws.ts';
import type { Env } from './env.ts';
import { applyLocalInfra, localSecret, startLocalStack } from './local-stack.ts';
import { createServices } from './services.ts';

const LOCAL_BUCKET = 'cadastro-local';

/**
 * The AWS side of a process (server or CLI): the local stand-ins in local mode (with the infra desired state
 * applied), AWS or the configured endpoints otherwise, and the services over them. `stop()` ends the stand-ins.
 */
export async function openRuntime(env: Env) {
  const local = env.CADASTRO_MODE === 'local' ? await startLocalStack(env.DATA_DIR) : null;
  const stop = () => local?.stop() ?? Promise.resolve();
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
    return { local: Boolean(local), settings, aws, bucket, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
