import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DEPLOY_ROOT = resolve(import.meta.dirname, '..');
/** The EC2 files (unit, user data, CloudWatch agent configuration) the release carries. */
export const EC2_DIR = resolve(DEPLOY_ROOT, 'ec2');

/** The Node version of the tests and the instance: the root package.json's `node` devDependency. */
export function nodeVersion(): string {
  const root = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8'));
  return root.devDependencies.node as string;
}
