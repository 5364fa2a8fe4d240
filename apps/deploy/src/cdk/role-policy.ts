import { iamPolicy, type PolicyTarget } from '@cadastro/infra';
import { serverAwsActions } from '@cadastro/server/aws-actions';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The server's statements of the instance role: `iamPolicy(serverAwsActions)`, the same function and the same
 * declarations as `pnpm infra iam-policy` and the tests' AWS call recorder.
 */
export function serverStatements(target: PolicyTarget, mailFrom?: string): iam.PolicyStatement[] {
  return iamPolicy(serverAwsActions, target).Statement.flatMap((s) => {
    if (s.Sid !== 'SendMail') {
      return [new iam.PolicyStatement({ sid: s.Sid, actions: s.Action, resources: s.Resource })];
    }
    // No sender configured: the server writes e-mail to its outbox and needs no SES permission.
    if (!mailFrom) return [];
    return [
      new iam.PolicyStatement({
        sid: s.Sid,
        actions: s.Action,
        resources: mailIdentityArns(target, mailFrom),
        conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
      }),
    ];
  });
}

/**
 * The SES identities a message from `mailFrom` is authorized against: the address itself or its domain, whichever
 * of the two was verified (SES checks the one it sends under).
 */
export function mailIdentityArns(target: PolicyTarget, mailFrom: string): string[] {
  const identity = (name: string) =>
    `arn:${target.partition}:ses:${target.region}:${target.accountId}:identity/${name}`;
  return [identity(mailFrom), identity(mailFrom.slice(mailFrom.lastIndexOf('@') + 1))];
}
