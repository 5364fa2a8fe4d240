import { createServer } from 'node:net';
import type { GuardedProcess } from './guarded-process.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
}

/** Polls `url` until it answers any HTTP response; fails early with the process output if it exits. */
export async function waitUntilAnswering(
  url: string,
  proc: GuardedProcess,
  name: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${name} exited with code ${proc.child.exitCode} before answering:\n${proc.output()}`);
    }
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await proc.stop();
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

export interface UntilOptions {
  /** Gives up after this long (default 120 s: emulators on a busy 2-core machine are slow, not broken). */
  timeoutMs?: number;
  /** Polls this often (default 100 ms). */
  everyMs?: number;
  /** Text added to the timeout's error, e.g. the output of the processes waited on. */
  detail?: () => string;
}

/**
 * Polls `probe` until it gives something other than `undefined` or `false`, and returns that. A probe that throws
 * counts as "not yet" (a server still starting refuses connections); after the timeout the error names `what`
 * and the probe's last error.
 */
export async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  { timeoutMs = 120_000, everyMs = 100, detail }: UntilOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw new Error(`timed out waiting for ${what}${cause}${detail ? `\n${detail()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
