/**
 * A backup run in its own process, for the crash test: it starts a backup whose uploads never get an answer (the
 * S3 endpoint accepts connections and stays silent), prints the run's id, and stays mid-backup until it is killed.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDbService } from '@cadastro/db';
import { startBackup } from '../src/index.ts';

const { DYNAMODB_ENDPOINT, SILENT_S3_ENDPOINT, TABLE, BUCKET, REGION, KEY_ID, SECRET } = process.env;
const common = { region: REGION!, credentials: { accessKeyId: KEY_ID!, secretAccessKey: SECRET! } };
const dynamodb = new DynamoDBClient({ ...common, endpoint: DYNAMODB_ENDPOINT });
const s3 = new S3Client({ ...common, endpoint: SILENT_S3_ENDPOINT, forcePathStyle: true });
const db = createDbService({ table: TABLE!, client: dynamodb });
const run = await startBackup({ dynamodb, s3, db, table: TABLE!, bucket: BUCKET! }, { trigger: 'cli' });
run.done.catch(() => {});
process.stdout.write(`running ${run.backupId}\n`);
setInterval(() => {}, 60_000); // stay alive, mid-backup, until killed
