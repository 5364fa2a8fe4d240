/**
 * The server's declared AWS actions. Imported by path rather than as a package dependency: the server depends
 * on this package (local mode applies the desired state), and the package graph must stay acyclic for Turborepo.
 */
export { serverAwsActions } from '../../../../apps/server/src/aws-actions.ts';
