import { runCli } from '@cadastro/infra';
import { DEPLOY_CLI } from './commands.ts';

// `pnpm infra <command>`: the infra library's commands (plan, apply, lifecycle-*) and the deploy app's (synth, diff,
// deploy, destroy, iam-policy, release). The only place that reads process.env.
runCli(process.argv.slice(2), process.env, { out: (text) => console.log(text) }, DEPLOY_CLI).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
