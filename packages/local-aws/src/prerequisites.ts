import { spawnSync } from 'node:child_process';

/** Fails at once, naming what to install, when a tool an emulator needs is missing. */
export function requireCommand(command: string, versionArg: string, howToInstall: string): void {
  const probe = spawnSync(command, [versionArg], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`${command} is required but was not found or does not run. ${howToInstall}`);
  }
}
