import { CustomerNotFoundError } from '@cadastro/db';
import { deleteCustomerObjects } from '../attachments/erase-objects.ts';
import type { Services } from '../context.ts';

export interface ErasureActor {
  role: 'customer' | 'operator' | 'service';
  id: string;
}

/**
 * Erases a customer (LGPD Art. 18 VI), step by step. Each step is safe to repeat, and the personal data goes in
 * one transaction (step 3), so a failure midway never leaves a record without its guards or the reverse.
 */
export async function eraseCustomer(
  services: Services,
  customerId: string,
  actor: ErasureActor,
): Promise<void> {
  const customer = await services.customers.getById(customerId);
  if (!customer) throw new CustomerNotFoundError();

  // 1. Nobody acts as this customer any more.
  await services.sessions.revokeAllOf('customer', customerId);

  // 2. Their documents in S3, every version: the bytes go before the metadata that points at them.
  await deleteCustomerObjects(services.aws.s3, services.bucket, customerId);

  // 3. The record with its CPF and e-mail guards, in one transaction: the values are free again.
  await services.customers.remove(customer);

  // 4. Everything else in the customer's partition (history, document metadata).
  await services.accountPartition.deleteAll(customerId);

  // 5. The tombstone and an `erased` event: the id, who asked and when, nothing personal.
  await services.erasures.record(customerId, actor);
}
