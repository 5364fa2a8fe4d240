import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_KINDS,
  ATTACHMENT_STATES,
  RESTORE_TIERS,
} from '@cadastro/contracts';
import { createSchema, Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

const required = { type: 'string', required: true } as const;

/**
 * A document of a customer, in the customer's partition (`account` collection). The file itself lives in S3 under
 * `s3Key`; this item holds what was declared and verified about it and where it is in its lifecycle.
 */
export const attachmentSchema = createSchema({
  model: { service: 'cadastro', entity: 'attachment', version: '1' },
  attributes: {
    customerId: { type: 'string', required: true, readOnly: true },
    /** UUIDv7: sorts by creation time. */
    attachmentId: { type: 'string', required: true, readOnly: true },
    kind: { type: ATTACHMENT_KINDS, required: true, readOnly: true },
    fileName: { type: 'string', required: true, readOnly: true },
    contentType: { type: ATTACHMENT_CONTENT_TYPES, required: true, readOnly: true },
    /** Declared at createUpload, verified against the object at confirm. */
    size: { type: 'number', required: true, readOnly: true },
    s3Key: { type: 'string', required: true, readOnly: true },
    /** Recorded at confirm: the verified object. Downloads refuse an object replaced afterwards. */
    sha256: { type: 'string' },
    etag: { type: 'string' },
    /** Set when the bucket is versioned: downloads are then bound to exactly the verified version. */
    versionId: { type: 'string' },
    /** Last storage class seen on HeadObject (absent means STANDARD). */
    storageClass: { type: 'string' },
    state: { type: ATTACHMENT_STATES, required: true },
    /** When `state` last changed: with `state`, the sort key of the `byState` index the sweep queries. */
    stateSince: required,
    createdAt: { type: 'string', required: true, readOnly: true },
    confirmedAt: { type: 'string' },
    /** Pending items only: DynamoDB's TTL (epoch seconds) deletes an abandoned upload's item after this time. */
    expiresAt: { type: 'number' },
    restoreTier: { type: RESTORE_TIERS },
    restoreRequestedAt: { type: 'string' },
    /** While restoring: the latest time the copy should be ready, from the tier's published retrieval times. */
    restoreReadyBy: { type: 'string' },
    /** While restored: when S3 removes the temporary copy again (from `x-amz-restore`). */
    restoreExpiresAt: { type: 'string' },
  },
  indexes: {
    byCustomer: {
      collection: 'account',
      pk: { field: 'pk', composite: ['customerId'] },
      sk: { field: 'sk', composite: ['attachmentId'] },
    },
    /** Attachments by state, oldest change first: the sweep finds abandoned uploads with a Query, never a Scan. */
    byState: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['state'] },
      sk: { field: 'gsi1sk', composite: ['stateSince'] },
    },
  },
});

export const attachmentEntity = (config: EntityConfiguration) => new Entity(attachmentSchema, config);
export type AttachmentEntity = ReturnType<typeof attachmentEntity>;
export type AttachmentItem = EntityItem<AttachmentEntity>;
