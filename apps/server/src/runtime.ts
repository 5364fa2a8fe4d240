import { createDbService } from '@cadastro/db';
import { type AwsSettings, createAwsClients } from './aws.ts';
import { createBackupManager } from './backups/manager.ts';
import type { Env } from './env.ts';
import { applyLocalInfra, startLocalStack } from './local-stack.ts';

const LOCAL_BUCKET = 'cadastro-local';

/**
 * What `pnpm backup` and `pnpm restore` need, from the server's configuration: the local stand-ins in local mode
 * (with the infra desired state applied), AWS or the configured endpoints otherwise, and the backup manager
 * over them. `stop()` ends the stand-ins.
 */
export async function openBackupRuntime(env: Env) {
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
      await applyLocalInfra(aws, {
        region: settings.region,
        table: env.CADASTRO_TABLE,
        bucket,
        corsOrigins: [],
      });
    }
    const table = env.CADASTRO_TABLE;
    const db = createDbService({ table, client: aws.dynamodb });
    const backups = createBackupManager({ dynamodb: aws.dynamodb, s3: aws.s3, db, table, bucket });
    return { bucket, table, backups, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
