import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/**
 * Runs `command` under a small bash guard that holds our stdin pipe open. When this Node process ends for any
 * reason (normal exit, Ctrl-C, SIGTERM, SIGKILL of a crashed test run), the pipe closes, the guard reads EOF
 * and terminates the emulator: no child outlives its parent. `stop()` closes the pipe on purpose.
 */
const GUARD = `
exec 3<&0
"$@" </dev/null &
child=$!
( while read -r -u 3 _; do :; done; kill -TERM "$child" 2>/dev/null ) &
watcher=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
wait "$child"; status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$watcher" 2>/dev/null
exit $status
`;

export interface GuardedProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** The last lines the process wrote, for error messages. */
  output(): string;
  /** Resolves once the process has exited (escalating to SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal to the whole process group (the guard and the command). */
  signal(signal: NodeJS.Signals): void;
}

export function spawnGuarded(command: string, args: string[], env?: NodeJS.ProcessEnv): GuardedProcess {
  const child = spawn('bash', ['-c', GUARD, 'guard', command, ...args], {
    detached: true, // its own process group, so the SIGKILL fallback reaches the emulator too
    env: env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    child,
    output: () => tail,
    signal(signal) {
      if (child.pid) process.kill(-child.pid, signal);
    },
    async stop(graceMs = 5000) {
      child.stdin.end();
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
