import { randomBytes } from 'node:crypto';
import type { OperatorRepository } from '@cadastro/db';
import type { PasswordHasher } from '../passwords.ts';

export interface BootstrapSettings {
  email: string;
  /** From configuration; when missing a password is generated and returned to be shown once. */
  password?: string;
}

/**
 * Creates the first operator (an admin) when there is none yet. Returns the generated password when one was
 * generated, so the caller can show it once on the console; it is never logged.
 */
export async function bootstrapFirstOperator(
  operators: OperatorRepository,
  passwords: PasswordHasher,
  settings: BootstrapSettings,
): Promise<{ email: string; generatedPassword: string | null } | null> {
  if (await operators.any()) return null;
  const generatedPassword = settings.password ? null : randomBytes(18).toString('base64url');
  const password = settings.password ?? generatedPassword!;
  // A password from configuration or the console has been seen elsewhere: it is changed at the first sign-in.
  await operators.create({
    email: settings.email,
    name: 'Administrador',
    passwordHash: await passwords.hash(password),
    role: 'admin',
    mustChangePassword: true,
  });
  return { email: settings.email, generatedPassword };
}
