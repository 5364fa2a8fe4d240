/**
 * `pnpm operator reset-password <e-mail>`: for when the last admin's password or authenticator is lost. Run on
 * the instance (same configuration as the server): the operator gets a generated password, shown here once and
 * to be changed at the next sign-in, their authenticator is discarded and every session of theirs ends.
 */
import { createDbService, createOperatorRepository } from '@cadastro/db';
import { createOperatorAccounts } from '../auth/operator-accounts.ts';
import { loadEnv } from '../env.ts';
import { createPasswordHasher } from '../passwords.ts';
import { connectAws } from '../runtime.ts';
import { createSessionStore } from '../sessions/choose-store.ts';
import { createSessionManager } from '../sessions/sessions.ts';

const USAGE = 'usage: pnpm operator reset-password <e-mail>';

async function main(): Promise<number> {
  const [command, email] = process.argv.slice(2);
  if (command !== 'reset-password' || !email) {
    console.error(USAGE);
    return 2;
  }
  const env = loadEnv();
  const { aws, stop } = await connectAws(env);
  const db = createDbService({ table: env.CADASTRO_TABLE, client: aws.dynamodb });
  const sessions = createSessionManager(createSessionStore(env.SESSION_STORE, env.DATA_DIR, db), {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
  });
  try {
    const accounts = createOperatorAccounts({
      operators: createOperatorRepository(db),
      passwords: createPasswordHasher(),
      sessions,
      adminTotp: env.CADASTRO_ADMIN_TOTP,
    });
    const { operator, password } = await accounts.resetFromInstance(email.trim().toLowerCase());
    // The console, never a log: shown this once.
    console.log(
      `\n  ${operator.email} (${operator.role}) can sign in to /admin with:\n    password: ${password}\n  It must be changed at that sign-in; the authenticator was discarded.\n`,
    );
    return 0;
  } finally {
    await sessions.close();
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
