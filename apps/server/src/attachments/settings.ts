import { ATTACHMENT_MAX_BYTES_DEFAULT } from '@cadastro/contracts';

export interface AttachmentSettings {
  /** Largest object accepted at confirm (and allowed by the presigned POST). */
  maxBytes: number;
  /** How long a presigned POST accepts the upload. */
  uploadUrlSeconds: number;
  /**
   * How long a pending attachment may wait for its confirm. After that confirm refuses it, the sweep removes
   * item and object, and DynamoDB's TTL deletes the item if the sweep did not.
   */
  pendingLifetimeSeconds: number;
  /** How long a presigned GET works. */
  downloadUrlSeconds: number;
}

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  maxBytes: ATTACHMENT_MAX_BYTES_DEFAULT,
  uploadUrlSeconds: 5 * 60,
  pendingLifetimeSeconds: 15 * 60,
  downloadUrlSeconds: 5 * 60,
};
