/**
 * `pnpm backup`: one backup of the configured table to the configured bucket, with a progress bar. Same
 * configuration as the server (see env.ts). In local mode it starts the local stand-ins on DATA_DIR itself, so
 * stop `pnpm start` first (or point AWS_ENDPOINT_URL_* at the running ones). Ctrl-C aborts cleanly: the parts
 * uploaded so far are aborted and no manifest is written.
 */
import { userInfo } from 'node:os';
import { BackupError, type BackupRun } from '@cadastro/backup';
import { backupProgressBar } from './progress-bar.ts';
import { runCli } from './run.ts';

runCli(async (runtime, env) => {
  let run: BackupRun;
  try {
    run = await runtime.backups.start('cli', `cli:${userInfo().username}`);
  } catch (error) {
    if (error instanceof BackupError && error.code === 'BACKUP_RUNNING') {
      console.error(`Another backup is running (${error.details.runningBackupId}); try again when it ends.`);
      return 2;
    }
    throw error;
  }
  process.once('SIGINT', () => run.abort('Interrupted from the terminal'));
  console.log(`Backup ${run.backupId} of ${env.CADASTRO_TABLE} → s3://${runtime.bucket}/${run.prefix}`);
  const bar = backupProgressBar();
  for await (const event of run.progress.subscribe()) bar.update(event);
  bar.stop();
  try {
    const { manifest, manifestKey } = await run.done;
    const counts = Object.entries(manifest.counts).map(([e, n]) => `${e} ${n}`);
    console.log(
      `Completed: ${manifest.totalItems} items (${counts.join(', ')}), ${manifest.totalBytes} bytes`,
    );
    console.log(`Manifest: s3://${runtime.bucket}/${manifestKey}`);
    return 0;
  } catch (error) {
    console.error(`Backup failed: ${(error as Error).message}`);
    return 1;
  }
});
