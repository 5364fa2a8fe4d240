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
