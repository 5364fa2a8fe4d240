import { ensureTable } from '@cadastro/db';
import { type AwsSettings, createAwsClients } from './aws.ts';
import type { Env } from './env.ts';
import { ensureBucket, localSecret, startLocalStack } from './local-stack.ts';
import { createServices } from './services.ts';

const LOCAL_BUCKET = 'cadastro-local';

/**
 * The AWS side of a process (server or CLI): the local stand-ins in local mode (table and bucket created), AWS or
 * the configured endpoints otherwise, and the services over them. `stop()` ends the local stand-ins.
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
      await ensureTable(aws.dynamodb, env.CADASTRO_TABLE);
      await ensureBucket(aws.s3, bucket);
    }
    const services = createServices(aws, {
      table: env.CADASTRO_TABLE,
      bucket,
      blindIndexSecret: env.CADASTRO_BLIND_INDEX_SECRET ?? localSecret(env.DATA_DIR, 'blind-index'),
      apiKeys: env.CADASTRO_API_KEYS,
    });
    return { local: Boolean(local), settings, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
