import { iamPolicy, type PolicyTarget } from '@cadastro/infra';
import { serverAwsActions } from '@cadastro/server/aws-actions';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The server's statements of the instance role: `iamPolicy(serverAwsActions)`, the same function and the same
 * declarations as `pnpm infra iam-policy` and the tests' AWS call recorder.
 */
export function serverStatements(target: PolicyTarget): iam.PolicyStatement[] {
  return iamPolicy(serverAwsActions, target).Statement.map(
    (s) => new iam.PolicyStatement({ sid: s.Sid, actions: s.Action, resources: s.Resource }),
  );
}
