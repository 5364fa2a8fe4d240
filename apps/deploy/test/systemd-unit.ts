import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** `Key=value` lines of a unit file, several values per key. */
export function unitDirectives(unit: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of unit.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) map.set(m[1]!, [...(map.get(m[1]!) ?? []), m[2]!]);
  }
  return map;
}

/** An EnvironmentFile as systemd reads it: `KEY=VALUE` lines, `#` comments and blank lines ignored. */
export function readEnvironmentFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m && !line.trim().startsWith('#')) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** systemd's address families as firejail's `--protocol` list (the same seccomp filter on socket()). */
export function firejailProtocols(restrictAddressFamilies: string): string {
  const names: Record<string, string> = {
    AF_UNIX: 'unix',
    AF_INET: 'inet',
    AF_INET6: 'inet6',
    AF_NETLINK: 'netlink',
  };
  return restrictAddressFamilies
    .split(/\s+/)
    .filter(Boolean)
    .map((family) => {
      const name = names[family];
      if (!name) throw new Error(`no firejail protocol for ${family}`);
      return name;
    })
    .join(',');
}

/**
 * What starting the release as its unit does needs on this machine: root (to switch to the unit's user), that
 * user, and firejail (systemd is not PID 1 here; firejail applies the same address-family restriction).
 * Throws naming what is missing and how to get it.
 */
export function assertUnitPrerequisites(user: string): void {
  const missing: string[] = [];
  if (process.getuid?.() !== 0)
    missing.push(
      "root: the test switches to the unit's user as systemd does (run it as root, as .ci/run does)",
    );
  if (spawnSync('id', ['-u', user]).status !== 0) {
    missing.push(`the user "${user}": useradd --system --no-create-home --shell /usr/sbin/nologin ${user}`);
  }
  if (spawnSync('sh', ['-c', 'command -v firejail']).status !== 0) {
    missing.push('firejail (applies RestrictAddressFamilies without systemd): apt-get install -y firejail');
  }
  if (missing.length)
    throw new Error(`Cannot start the release as its unit does. Missing:\n  ${missing.join('\n  ')}`);
}
