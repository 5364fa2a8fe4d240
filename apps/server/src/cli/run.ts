import { BackupError } from '@cadastro/backup';
import { type Env, loadEnv } from '../env.ts';
import { openBackupRuntime } from '../runtime.ts';

export type Runtime = Awaited<ReturnType<typeof openBackupRuntime>>;

/**
 * Runs a command with the server's configuration and AWS side, always stopping the local stand-ins, and exits
 * with the command's status (1 with the message on an error; the engine's refusals show their code and details).
 */
export function runCli(command: (runtime: Runtime, env: Env) => Promise<number>): void {
  const main = async () => {
    const env = loadEnv();
    const runtime = await openBackupRuntime(env);
    try {
      return await command(runtime, env);
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(`${error.code}: ${error.message} ${JSON.stringify(error.details)}`);
      return 1;
    } finally {
      await runtime.stop();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
