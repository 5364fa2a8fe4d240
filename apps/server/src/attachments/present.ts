import type { AttachmentView } from '@cadastro/contracts';
import type { AttachmentItem } from '@cadastro/db';
import type { Caller } from '../context.ts';
import { restoreTiersFor } from './archive.ts';

/** The API's view of an attachment: an explicit shape, so keys, ETags and versions never leak. */
export function toAttachmentView(item: AttachmentItem, caller: Caller): AttachmentView {
  return {
    id: item.attachmentId,
    customerId: item.customerId,
    kind: item.kind,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    sha256: item.sha256 ?? null,
    state: item.state,
    createdAt: item.createdAt,
    restoreReadyBy: item.state === 'restoring' ? (item.restoreReadyBy ?? null) : null,
    restoreExpiresAt: item.state === 'restored' ? (item.restoreExpiresAt ?? null) : null,
    restoreTiers: item.state === 'archived' ? restoreTiersFor(item.storageClass, caller) : [],
  };
}
