import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A secret generated on first start and kept under DATA_DIR (mode 0600), so local data stays readable. */
export function localSecret(dataDir: string, name: string): string {
  const file = join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeSecretFile(dataDir, name, secret);
  return secret;
}

/** Writes `DATA_DIR/secrets/NAME` readable by the server's user only; returns its path. */
export function writeSecretFile(dataDir: string, name: string, value: string): string {
  const file = join(dataDir, 'secrets', name);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}
