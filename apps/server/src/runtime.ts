import { createDbService } from '@cadastro/db';
import { type Capabilities, createBucket } from '@cadastro/storage';
import { type AwsSettings, createAwsClients } from './aws.ts';
import { createLazyBackupManager } from './backups/lazy-manager.ts';
import type { Env } from './env.ts';

const LOCAL_BUCKET = 'cadastro-local';

/**
 * The AWS side of a process, from the configuration: in local mode the local stand-ins under DATA_DIR with the
 * infra desired state applied, otherwise AWS or the configured endpoints. `stop()` ends the stand-ins.
 * Shared by the server (`main.ts`) and the backup CLIs.
 */
export async function connectAws(env: Env) {
  // Local mode only (emulators, the infra package applying their desired state): an AWS start never loads it.
  const localStack = env.CADASTRO_MODE === 'local' ? await import('./local-stack.ts') : null;
  const local = localStack ? await localStack.startLocalStack(env.DATA_DIR) : null;
  const stop = () => local?.stop() ?? Promise.resolve();
  try {
    const settings: AwsSettings = local?.settings ?? {
      region: env.AWS_REGION!,
      dynamodbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      s3Endpoint: env.AWS_ENDPOINT_URL_S3,
    };
    const bucket = env.CADASTRO_BUCKET ?? LOCAL_BUCKET;
    const aws = createAwsClients(settings);
    const storage = createBucket(aws.s3, bucket, { onCapabilities: reportMissing });
    if (localStack) {
      const unsupported = await localStack.applyLocalInfra(aws, {
        region: settings.region,
        table: env.CADASTRO_TABLE,
        bucket,
        corsOrigins: env.PORT ? [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`] : [],
      });
      if (unsupported.length) {
        console.log(`  Not implemented by the local stand-ins (applied on AWS by "pnpm infra apply"):`);
        for (const line of unsupported) console.log(`    ${line}`);
      }
      await storage.capabilities(); // detected once, at start, and reported below if anything is missing
    }
    return { local: Boolean(local), settings, bucket, aws, storage, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Says once what the S3 endpoint lacks and what the code does instead (see @cadastro/storage's README). */
function reportMissing(capabilities: Capabilities) {
  if (!capabilities.versions) {
    console.log(
      '  S3 endpoint without ListObjectVersions: keeps one copy per key; deletes use ListObjectsV2',
    );
  }
  if (capabilities.restore === false)
    console.log('  S3 endpoint without RestoreObject: restores are refused');
}

/** What `pnpm backup` and `pnpm restore` need: the backup manager over the configured table and bucket. */
export async function openBackupRuntime(env: Env) {
  const { aws, bucket, stop } = await connectAws(env);
  const table = env.CADASTRO_TABLE;
  const db = createDbService({ table, client: aws.dynamodb });
  const backups = createLazyBackupManager({ dynamodb: aws.dynamodb, s3: aws.s3, db, table, bucket });
  return { bucket, table, backups, stop };
}
