import { parseArgs } from 'node:util';
import { COMMANDS, type Command, type Flags, type Io, USAGE } from './commands.ts';

/** Flags that stand for a configuration variable. */
const FLAG_VARIABLES = {
  region: 'AWS_REGION',
  table: 'CADASTRO_TABLE',
  bucket: 'CADASTRO_BUCKET',
  'account-id': 'AWS_ACCOUNT_ID',
  'release-object': 'CADASTRO_RELEASE_S3_URI',
  'secret-parameter': 'CADASTRO_SECRET_PARAMETER',
  'log-group': 'CADASTRO_LOG_GROUP',
} as const;

const stringFlag = { type: 'string' } as const;
const boolFlag = { type: 'boolean' } as const;

/** Commands a tool built on this one adds (the deploy app: synth, deploy, iam-policy…), with their usage. */
export interface CliExtension {
  commands: Record<string, Command>;
  usage: string;
  booleanFlags?: string[];
  stringFlags?: string[];
}

/** Runs one command; returns its exit code. The environment is passed in: tests run it in process. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
  extension?: CliExtension,
): Promise<number> {
  const [command, ...rest] = argv;
  const commands: Record<string, Command> = { ...COMMANDS, ...extension?.commands };
  const run = command ? commands[command] : undefined;
  if (!run) {
    io.out(extension?.usage ?? USAGE);
    return command && command !== 'help' && command !== '--help' ? 1 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      ...Object.fromEntries(Object.keys(FLAG_VARIABLES).map((f) => [f, stringFlag])),
      json: boolFlag,
      check: boolFlag,
      'as-of': stringFlag,
      'live-rules': boolFlag,
      prices: stringFlag,
      'page-size': stringFlag,
      ...Object.fromEntries((extension?.stringFlags ?? []).map((f) => [f, stringFlag])),
      ...Object.fromEntries((extension?.booleanFlags ?? []).map((f) => [f, boolFlag])),
    },
  });
  const given = values as Record<string, string | boolean | undefined>;
  const fromFlags = Object.fromEntries(
    Object.entries(FLAG_VARIABLES)
      .filter(([flag]) => given[flag] !== undefined)
      .map(([flag, variable]) => [variable, String(given[flag])]),
  );
  return run(values as Flags, { ...env, ...fromFlags }, io);
}
