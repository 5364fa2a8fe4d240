import type { DesiredTable } from '@cadastro/infra';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ddb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/**
 * The table of `pnpm infra apply`, from the same desired state (keys and GSIs derived from packages/db's entities):
 * on-demand, TTL, point-in-time recovery, deletion protection. `ddb.Table` rather than `TableV2`: TableV2 is an
 * AWS::DynamoDB::GlobalTable, which moto's CloudFormation (the deploy test) cannot create.
 */
export function cadastroTable(scope: Construct, desired: DesiredTable, retain: boolean): ddb.Table {
  const def = desired.definition;
  const typeOf = (name: string) => {
    const type = def.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    return type === 'N'
      ? ddb.AttributeType.NUMBER
      : type === 'B'
        ? ddb.AttributeType.BINARY
        : ddb.AttributeType.STRING;
  };
  const key = (schema: typeof def.KeySchema, role: 'HASH' | 'RANGE') => {
    const name = schema?.find((k) => k.KeyType === role)?.AttributeName;
    return name ? { name, type: typeOf(name) } : undefined;
  };
  const table = new ddb.Table(scope, 'Table', {
    tableName: desired.name,
    partitionKey: key(def.KeySchema, 'HASH')!,
    sortKey: key(def.KeySchema, 'RANGE'),
    billingMode: ddb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: desired.ttlAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: desired.pointInTimeRecovery },
    deletionProtection: retain && desired.deletionProtection,
    encryption:
      desired.encryption === 'aws-managed-kms-key'
        ? ddb.TableEncryption.AWS_MANAGED
        : ddb.TableEncryption.DEFAULT,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const gsi of def.GlobalSecondaryIndexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: gsi.IndexName!,
      partitionKey: key(gsi.KeySchema, 'HASH')!,
      sortKey: key(gsi.KeySchema, 'RANGE'),
      projectionType:
        gsi.Projection?.ProjectionType === 'KEYS_ONLY'
          ? ddb.ProjectionType.KEYS_ONLY
          : gsi.Projection?.ProjectionType === 'INCLUDE'
            ? ddb.ProjectionType.INCLUDE
            : ddb.ProjectionType.ALL,
      nonKeyAttributes: gsi.Projection?.NonKeyAttributes,
    });
  }
  return table;
}
