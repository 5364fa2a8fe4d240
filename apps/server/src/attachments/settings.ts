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

/**
 * The object tag that marks an upload not yet confirmed. Set through the presigned POST's `tagging` field and
 * replaced by `stored` at confirm, so a bucket lifecycle rule filtered on `cadastro-upload=pending` (under
 * `attachments/`) can expire abandoned uploads even when the server's sweep never ran.
 */
export const UPLOAD_TAG = { key: 'cadastro-upload', pending: 'pending', stored: 'stored' } as const;
