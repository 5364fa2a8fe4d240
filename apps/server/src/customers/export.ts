import type { CustomerExport } from '@cadastro/contracts';
import type { AttachmentItem, EventItem } from '@cadastro/db';
import { toAttachmentView } from '../attachments/present.ts';
import type { Services } from '../context.ts';
import { toCustomerView, toEventView } from './present.ts';

/** Everything held about one customer (LGPD Art. 18 V / Art. 19): record, consents, documents, history. */
export async function exportCustomer(services: Services, customerId: string): Promise<CustomerExport | null> {
  const customer = await services.customers.getById(customerId);
  if (!customer) return null;
  const history: EventItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await services.events.list(customerId, { limit: 100, cursor });
    history.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const documents: AttachmentItem[] = [];
  do {
    const page = await services.attachments.list(customerId, { limit: 100, cursor });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const view = toCustomerView(customer);
  return {
    exportedAt: new Date().toISOString(),
    customer: view,
    consents: view.consents,
    documents: documents.map((d) => toAttachmentView(d, { role: 'customer', customerId })),
    history: history.map(toEventView),
  };
}
