import { DEFAULT_LIFECYCLE, type LifecycleSettings, type TableEncryption } from '@cadastro/infra';

/** What a deployment can choose; everything has a default (`pnpm infra synth` needs no configuration). */
export interface StackSettings {
  /** The table's name (CADASTRO_TABLE). */
  table: string;
  /** The bucket's name; `cadastro-<account>-<region>` when unset. */
  bucketName?: string;
  lifecycle: LifecycleSettings;
  tableEncryption: TableEncryption;
  /** Graviton (`t4g.small`) by default: the release has no native code, so any architecture runs it. */
  instanceType: string;
  /** AMI per region instead of the latest Amazon Linux 2023 (the moto test: moto cannot resolve SSM's). */
  machineImages?: Record<string, string>;
  /** ACM certificate for HTTPS on the load balancer; plain HTTP without one. */
  certificateArn?: string;
  /** The built release directory, uploaded as an asset. */
  releaseDir: string;
  /** Keep the table, the bucket and the data volume when the stack is destroyed (default). */
  retainData: boolean;
  dataVolumeGiB: number;
  logRetentionDays: number;
  adminEmail: string;
  /** The Node version the instance installs: the tests' (root package.json). */
  nodeVersion: string;
  /**
   * The address account e-mail is sent from (CADASTRO_MAIL_FROM), an SES identity verified beforehand (DEPLOY.md).
   * Unset: the server writes e-mail to its outbox folder and the role may not send any.
   */
  mailFrom?: string;
  /** The address customers open, used in e-mailed links (CADASTRO_APP_URL); the load balancer's URL when unset. */
  appUrl?: string;
  /** E-mail that receives the alarms; none when unset. */
  alarmEmail?: string;
  /**
   * Off: one instance whose data volume (sessions, logs) outlives it. On: an Auto Scaling group of at least two
   * instances across both zones, sessions in DynamoDB, each instance's volume holding only its logs.
   */
  highAvailability: boolean;
  /** The group's ceiling when `highAvailability` is on; it scales on CPU between 2 and this. */
  maxInstances: number;
  /** Requests per client IP and 5 minutes the WAF lets through to sign-in, recovery and registration. */
  credentialRateLimit: number;
  /** Requests per client IP and 5 minutes the WAF lets through in all. */
  requestRateLimit: number;
}

export const DEFAULT_STACK_SETTINGS: Omit<StackSettings, 'releaseDir' | 'nodeVersion'> = {
  table: 'cadastro',
  lifecycle: DEFAULT_LIFECYCLE,
  tableEncryption: 'aws-owned-key',
  instanceType: 't4g.small',
  retainData: true,
  dataVolumeGiB: 20,
  logRetentionDays: 30,
  adminEmail: 'admin@cadastro.local',
  highAvailability: false,
  maxInstances: 4,
  credentialRateLimit: 100,
  requestRateLimit: 3000,
};

/** Graviton families carry a `g` after the generation (t4g, m7g, c8g): arm64. */
export function isArm(instanceType: string): boolean {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}
