export { STACK_NAME, type Synthesized, synthesize } from './cdk/app.ts';
export { DEFAULT_STACK_SETTINGS, type StackSettings } from './cdk/settings.ts';
export { CadastroStack } from './cdk/stack.ts';
export { DEPLOY_CLI, stackSettings } from './commands.ts';
export { buildRelease, type ReleaseOptions, type ReleaseSummary } from './release/build-release.ts';
