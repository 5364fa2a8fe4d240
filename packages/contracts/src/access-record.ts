import { z } from 'zod';
import { pageInputSchema } from './pagination.ts';

/**
 * One read of a customer's personal data by staff (LGPD Art. 37): who, when, through which procedure. Customers
 * see their own in Minha conta; auditors see everyone's in /admin.
 */
export const accessRecordViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  customerId: z.string(),
  actor: z.object({
    kind: z.enum(['operator', 'service']),
    /** The operator's session or the service's key id. */
    id: z.string(),
    /** The operator's or the key's name, as it was at the time. */
    name: z.string(),
  }),
  /** The procedure, e.g. `customers.get`. */
  procedure: z.string(),
});
export type AccessRecordView = z.infer<typeof accessRecordViewSchema>;

export const accessRecordPageSchema = z.object({
  items: z.array(accessRecordViewSchema),
  nextCursor: z.string().nullable(),
});

/** Auditors read the record month by month (`2026-11`), newest first. */
export const accessRecordQuerySchema = pageInputSchema.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_invalid'),
});
