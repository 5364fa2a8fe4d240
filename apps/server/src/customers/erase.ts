import { ErrorReason } from '@cadastro/contracts';
import { CustomerNotFoundError } from '@cadastro/db';
import { customerAttachmentsPrefix } from '@cadastro/storage';
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../context.ts';
import { AppError } from '../errors.ts';

/** How long an erasure waits for this instance's access journal to reach the table (normally milliseconds). */
const ERASURE_JOURNAL_WAIT_MS = 10_000;

export interface ErasureActor {
  role: 'customer' | 'operator' | 'service';
  id: string;
}

/**
 * Erases a customer (LGPD Art. 18 VI), step by step. The tombstone is written `erasing` first and every step is
 * safe to repeat, so asking again finishes an erasure a failure stopped halfway, even once the record is gone.
 * The personal data goes in one transaction (step 3), so a failure never leaves a record without its guards or
 * the reverse. Sessions are revoked last: until the erasure is complete the customer stays signed in and can ask
 * again. Any failure is reported as `ERASURE_FAILED` (the cause goes to the log, never to the caller).
 */
export async function eraseCustomer(
  services: Services & { log?: FastifyBaseLogger },
  customerId: string,
  actor: ErasureActor,
): Promise<void> {
  const customer = await services.customers.getById(customerId);
  if (!customer && (await services.erasures.status(customerId)) !== 'erasing') {
    throw new CustomerNotFoundError();
  }
  try {
    // 1. The tombstone, `erasing`: from now on a restore of a backup leaves this customer out.
    await services.erasures.begin(customerId, actor);

    // 2. Their documents in S3, every version: the bytes go before the metadata that points at them.
    await services.storage.deleteAllUnder(customerAttachmentsPrefix(customerId));

    // 3. The record with its CPF and e-mail guards, in one transaction: the values are free again.
    if (customer) await services.customers.remove(customer);

    // 4. Everything else in the customer's partition (history, document metadata, the access record). The access
    // items this instance has journaled but not stored go to the table first, so that they are removed too.
    await services.accessRecords.settled(ERASURE_JOURNAL_WAIT_MS);
    await services.accountPartition.deleteAll(customerId);

    // 5. The tombstone becomes `erased`, with an `erased` event: the id, who asked and when, nothing personal.
    await services.erasures.finish(customerId, actor);

    // 6. Nobody acts as this customer any more.
    await services.sessions.revokeAllOf('customer', customerId);
  } catch (error) {
    services.log?.error({ err: error, customerId }, 'erasure failed; asking again finishes it');
    throw new AppError(
      'INTERNAL_SERVER_ERROR',
      ErrorReason.ERASURE_FAILED,
      'The account could not be deleted completely; try again',
    );
  }
}
