import type { AttachmentContentType, AttachmentKind, PageInput, RestoreTier } from '@cadastro/contracts';
import { attachmentKey, type ObjectState } from '@cadastro/storage';
import { v7 as uuidv7 } from 'uuid';
import { appliedIfCondition, isConditionFailure } from './condition-failure.ts';
import type { AttachmentItem } from './entities/attachment.ts';
import { type Actor, createEventLog } from './events.ts';
import { InvalidCursorError } from './merged-page.ts';
import type { DbService } from './service.ts';

/** The attachment changed state under us (confirmed, swept or removed concurrently). */
export class AttachmentStateChangedError extends Error {
  constructor(attachmentId: string) {
    super(`Attachment ${attachmentId} changed concurrently`);
    this.name = 'AttachmentStateChangedError';
  }
}

export interface NewAttachment {
  customerId: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  /** How long the pending item lives before it counts as abandoned. */
  pendingLifetimeSeconds: number;
}

/** What confirm verified about the object. */
export interface VerifiedObject {
  sha256: string;
  etag: string;
  versionId?: string;
}

type Page = Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>;
type Key = Pick<AttachmentItem, 'customerId' | 'attachmentId'>;
const keyOf = (item: Key): Key => ({ customerId: item.customerId, attachmentId: item.attachmentId });
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Non-personal details of an attachment for the audit trail: never the file name. */
const auditDetails = (item: AttachmentItem) => ({
  attachmentId: item.attachmentId,
  kind: item.kind,
  contentType: item.contentType,
  size: item.size,
});

export function createAttachmentRepository(db: DbService) {
  const { attachment } = db.entities;
  const events = createEventLog(db);

  async function createPending(input: NewAttachment, now = new Date()): Promise<AttachmentItem> {
    const attachmentId = uuidv7({ msecs: now.getTime() });
    const at = now.toISOString();
    const item: AttachmentItem = {
      customerId: input.customerId,
      attachmentId,
      kind: input.kind,
      fileName: input.fileName,
      contentType: input.contentType,
      size: input.size,
      s3Key: attachmentKey(input.customerId, attachmentId),
      state: 'pending',
      stateSince: at,
      createdAt: at,
      expiresAt: epochSeconds(now) + input.pendingLifetimeSeconds,
    };
    await attachment.create(item).go();
    return item;
  }

  async function get(customerId: string, attachmentId: string): Promise<AttachmentItem | null> {
    const { data } = await attachment.get({ customerId, attachmentId }).go();
    return data;
  }

  /** A customer's confirmed attachments, newest first; uploads still pending are not listed. */
  async function list(
    customerId: string,
    page: Page,
  ): Promise<{ items: AttachmentItem[]; nextCursor: string | null }> {
    try {
      const { data, cursor } = await attachment.query
        .byCustomer({ customerId })
        .where(({ state }, { ne }) => ne(state, 'pending'))
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data, nextCursor: cursor };
    } catch (error) {
      if (page.cursor) throw new InvalidCursorError();
      throw error;
    }
  }

  /** pending → stored, with the verified checksum and the `attachment_confirmed` event, in one transaction. */
  async function markStored(item: AttachmentItem, verified: VerifiedObject, actor: Actor, now = new Date()) {
    const at = now.toISOString();
    const { sha256 } = verified;
    const update = {
      state: 'stored' as const,
      stateSince: at,
      confirmedAt: at,
      sha256,
      etag: verified.etag,
      ...(verified.versionId && { versionId: verified.versionId }),
    };
    const stored: AttachmentItem = { ...item, ...update };
    delete stored.expiresAt;
    try {
      await writeAttachmentTransaction(item.attachmentId, () =>
        db.transaction
          .write(({ attachment, event }) => [
            attachment
              .patch(keyOf(item))
              .set(update)
              .remove(['expiresAt']) // the TTL must not delete a confirmed attachment
              .where(({ state }, { eq }) => eq(state, 'pending'))
              .commit(),
            event
              .create(
                events.eventItem(
                  item.customerId,
                  { type: 'attachment_confirmed', actor, details: { ...auditDetails(item), sha256 } },
                  now,
                ),
              )
              .commit(),
          ])
          .go(),
      );
    } catch (error) {
      if (!(error instanceof AttachmentStateChangedError)) throw error;
      // A transaction the SDK sent again after a lost response finds its own write done: that is success too.
      const current = await get(item.customerId, item.attachmentId);
      if (current?.state !== 'stored' || current.sha256 !== sha256 || current.etag !== verified.etag)
        throw error;
      return current;
    }
    return stored;
  }

  /**
   * Deletes a still-pending item (refused at confirm, or abandoned). False when it is no longer pending: then a
   * concurrent confirm won and the item must stay.
   */
  async function deletePending(item: Key): Promise<boolean> {
    return appliedIfCondition(
      attachment
        .delete(keyOf(item))
        .where(({ state }, { eq }) => eq(state, 'pending'))
        .go(),
    );
  }

  /** Deletes the item and writes the `attachment_removed` event in one transaction. */
  async function remove(item: AttachmentItem, actor: Actor, now = new Date()): Promise<void> {
    await writeAttachmentTransaction(item.attachmentId, () =>
      db.transaction
        .write(({ attachment, event }) => [
          attachment.delete(keyOf(item)).commit(),
          event
            .create(
              events.eventItem(
                item.customerId,
                { type: 'attachment_removed', actor, details: auditDetails(item) },
                now,
              ),
            )
            .commit(),
        ])
        .go(),
    );
  }

  /** Records what S3 says about the object (archived, restoring, restored) when it differs from the item. */
  async function recordStorageState(
    item: AttachmentItem,
    seen: ObjectState,
    now = new Date(),
  ): Promise<AttachmentItem> {
    if (
      item.state === seen.state &&
      item.restoreExpiresAt === seen.restoredUntil &&
      item.storageClass === seen.storageClass
    ) {
      return item;
    }
    const stateSince = item.state !== seen.state ? now.toISOString() : item.stateSince;
    const patch = attachment.patch(keyOf(item)).set({
      state: seen.state,
      stateSince,
      storageClass: seen.storageClass,
      ...(seen.restoredUntil && { restoreExpiresAt: seen.restoredUntil }),
    });
    const removed = [
      ...(seen.restoredUntil ? [] : (['restoreExpiresAt'] as const)),
      ...(seen.state === 'restoring' ? [] : (['restoreReadyBy'] as const)),
    ];
    try {
      await (removed.length ? patch.remove([...removed]) : patch).go();
    } catch (error) {
      if (isConditionFailure(error)) return item; // removed meanwhile: nothing to record
      throw error;
    }
    const next: AttachmentItem = {
      ...item,
      state: seen.state,
      stateSince,
      storageClass: seen.storageClass,
      restoreExpiresAt: seen.restoredUntil,
    };
    if (seen.state !== 'restoring') delete next.restoreReadyBy;
    return next;
  }

  /** → restoring, with the tier, the promised time and the `restore_requested` event, in one transaction. */
  async function markRestoreRequested(
    item: AttachmentItem,
    restore: { tier: RestoreTier; days: number; readyBy: string },
    actor: Actor,
    now = new Date(),
  ): Promise<AttachmentItem> {
    const at = now.toISOString();
    const update = {
      state: 'restoring' as const,
      stateSince: at,
      restoreTier: restore.tier,
      restoreRequestedAt: at,
      restoreReadyBy: restore.readyBy,
    };
    await writeAttachmentTransaction(item.attachmentId, () =>
      db.transaction
        .write(({ attachment, event }) => [
          attachment.patch(keyOf(item)).set(update).commit(),
          event
            .create(
              events.eventItem(
                item.customerId,
                {
                  type: 'restore_requested',
                  actor,
                  details: { ...auditDetails(item), tier: restore.tier, days: restore.days },
                },
                now,
              ),
            )
            .commit(),
        ])
        .go(),
    );
    return { ...item, ...update };
  }

  /** Pending items whose state began before `cutoff`, oldest first: a Query on the `byState` index. */
  async function pendingSince(cutoff: Date, page: { limit: number; cursor?: string | null }) {
    const { data, cursor } = await attachment.query
      .byState({ state: 'pending' })
      .lt({ stateSince: cutoff.toISOString() })
      .go({ order: 'asc', limit: page.limit, cursor: page.cursor ?? null });
    return { items: data, nextCursor: cursor };
  }

  return {
    createPending,
    get,
    list,
    markStored,
    deletePending,
    remove,
    recordStorageState,
    markRestoreRequested,
    pendingSince,
  };
}
export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>;

/**
 * Runs a transaction (built afresh each attempt). A failed condition on the attachment (first operation) means it
 * changed state meanwhile; a cancellation for any other cause (a concurrent transaction on the same items) is
 * retried a few times.
 */
async function writeAttachmentTransaction(
  attachmentId: string,
  write: () => Promise<{ canceled: boolean; data: Array<{ code?: string }> }>,
  maxRetries = 3,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await write();
    if (!result.canceled) return;
    if (result.data[0]?.code === 'ConditionalCheckFailed')
      throw new AttachmentStateChangedError(attachmentId);
    if (attempt >= maxRetries) {
      throw new Error(
        `Transaction on attachment ${attachmentId} kept being cancelled: ${JSON.stringify(result.data)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
  }
}
