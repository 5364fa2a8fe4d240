import {
  accessRecordPageSchema,
  customerEventViewSchema,
  customerExportSchema,
  customerIdSchema,
  customerLookupInputSchema,
  customerSearchInputSchema,
  customerViewSchema,
  deleteMeInputSchema,
  ErrorReason,
  pageInputSchema,
  registerInputSchema,
  setConsentInputSchema,
  updateCustomerInputSchema,
  updateMeInputSchema,
} from '@cadastro/contracts';
import { CustomerNotFoundError } from '@cadastro/db';
import { z } from 'zod';
import { endSession, invalidCredentials, startSession } from '../auth/sign-in.ts';
import { recordStaffRead } from '../customers/access-record.ts';
import { eraseCustomer } from '../customers/erase.ts';
import { exportCustomer } from '../customers/export.ts';
import { toAccessRecordView, toCustomerView, toEventView } from '../customers/present.ts';
import { AppError } from '../errors.ts';
import { sendAccountLink, sendAccountMail } from '../mail/account-mail.ts';
import { customerProcedure, publicProcedure, SUPPORT, staffProcedure, supportProcedure } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });
const customerPageSchema = z.object({
  items: z.array(customerViewSchema),
  nextCursor: z.string().nullable(),
});

async function requireCustomer(ctx: { customers: { getById(id: string): Promise<unknown> } }, id: string) {
  const customer = await ctx.customers.getById(id);
  if (!customer) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'Customer not found');
}

export const customersProcedures = {
  /**
   * A customer registers and is signed in: the record, its CPF and e-mail guards and the `registered` event are
   * written in one transaction; the password is stored as an Argon2id hash.
   */
  register: publicProcedure
    .input(registerInputSchema)
    .output(z.object({ id: z.string(), createdAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const { password, ...data } = input;
      const customer = await ctx.customers.register({
        ...data,
        passwordHash: await ctx.passwords.hash(password),
      });
      await startSession(ctx, 'customer', customer.customerId);
      await sendAccountLink(ctx, customer.customerId, customer.email, 'email_confirmation');
      ctx.log.info({ customerId: customer.customerId }, 'customer registered');
      return { id: customer.customerId, createdAt: customer.createdAt };
    }),

  // ── The signed-in customer's own data (LGPD Art. 18) ──────────────────────────────────────────────────────

  me: customerProcedure.output(customerViewSchema).query(async ({ ctx }) => {
    const customer = await ctx.customers.getById(ctx.caller.customerId);
    if (!customer) throw new CustomerNotFoundError();
    return toCustomerView(customer);
  }),

  /** Corrects the customer's data (Art. 18 III); `version` is the one the form was loaded with. */
  updateMe: customerProcedure
    .input(updateMeInputSchema)
    .output(customerViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { customerId } = ctx.caller;
      const actor = { role: 'customer' as const, id: customerId };
      const before = await ctx.customers.getById(customerId);
      const after = await ctx.customers.update(customerId, input.version, input.changes, actor);
      if (after.email !== before?.email)
        await sendAccountLink(ctx, customerId, after.email, 'email_confirmation');
      return toCustomerView(after);
    }),

  /** Grants or revokes an optional consent (Art. 8 §5). */
  setConsent: customerProcedure
    .input(setConsentInputSchema)
    .output(customerViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { customerId } = ctx.caller;
      const actor = { role: 'customer' as const, id: customerId };
      return toCustomerView(await ctx.customers.setConsent(customerId, input, actor));
    }),

  /** Everything held about the customer, as JSON (Art. 18 II and V, Art. 19). */
  exportMe: customerProcedure.output(customerExportSchema).query(async ({ ctx }) => {
    const { customerId } = ctx.caller;
    const data = await exportCustomer(ctx, customerId);
    if (!data) throw new CustomerNotFoundError();
    await ctx.events.append(customerId, { type: 'exported', actor: { role: 'customer', id: customerId } });
    return data;
  }),

  /**
   * Deletes the account (Art. 18 VI) after the password is confirmed, then signs out everywhere. A failure
   * (`ERASURE_FAILED`) leaves the customer signed in; asking again finishes the erasure, even when the record
   * (and with it the password) is already gone.
   */
  deleteMe: customerProcedure
    .input(deleteMeInputSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const { customerId } = ctx.caller;
      const customer = await ctx.customers.getById(customerId);
      if (customer && !(await ctx.passwords.matches(input.password, customer))) throw invalidCredentials();
      await eraseCustomer(ctx, customerId, { role: 'customer', id: customerId });
      await endSession(ctx);
      // The notice goes to the address the record held; a retry that finished a half-done erasure has none left.
      if (customer) await sendAccountMail(ctx, customer.email, { kind: 'account_erased' });
      ctx.log.info({ customerId }, 'customer erased at their request');
      return { ok: true as const };
    }),

  /** Who of the company's staff or services read the customer's data, when and how (LGPD Art. 37), newest first. */
  accessLog: customerProcedure
    .input(pageInputSchema)
    .output(accessRecordPageSchema)
    .query(async ({ ctx, input }) => {
      const page = await ctx.accessRecords.forCustomer(ctx.caller.customerId, input);
      return { items: page.items.map(toAccessRecordView), nextCursor: page.nextCursor };
    }),

  // ── Back office ─────────────────────────────────────────────────────────────────────────────────────────────

  get: staffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(customerIdSchema)
    .output(customerViewSchema)
    .query(async ({ ctx, input }) => {
      const customer = await ctx.customers.getById(input.id);
      if (!customer) throw new CustomerNotFoundError();
      await recordStaffRead(ctx, [customer.customerId], 'customers.get');
      return toCustomerView(customer);
    }),

  /**
   * One customer by exact CPF or e-mail, through the blind index; NOT_FOUND otherwise. A mutation, so the CPF or
   * e-mail travels in a POST body and never in a URL or an access log.
   */
  lookup: staffProcedure
    .meta({ scope: 'customers:lookup', ...SUPPORT })
    .input(customerLookupInputSchema)
    .output(customerViewSchema)
    .mutation(async ({ ctx, input }) => {
      const customer =
        input.by === 'cpf'
          ? await ctx.customers.getByCpf(input.value)
          : await ctx.customers.getByEmail(input.value);
      if (!customer) throw new CustomerNotFoundError();
      await recordStaffRead(ctx, [customer.customerId], 'customers.lookup');
      return toCustomerView(customer);
    }),

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list: staffProcedure
    .meta({ scope: 'customers:read', ...SUPPORT })
    .input(pageInputSchema)
    .output(customerPageSchema)
    .query(async ({ ctx, input }) => {
      const page = await ctx.customers.listNewest(input);
      await recordStaffRead(
        ctx,
        page.items.map((c) => c.customerId),
        'customers.list',
      );
      return { items: page.items.map(toCustomerView), nextCursor: page.nextCursor };
    }),

  /** Exact CPF or e-mail (blind index), or the prefix of any word of the name, ignoring case and accents. No Scan. */
  search: supportProcedure
    .input(customerSearchInputSchema)
    .output(customerPageSchema)
    .query(async ({ ctx, input }) => {
      if (input.by === 'name') {
        const page = await ctx.customers.searchByName(input.query, input);
        await recordStaffRead(
          ctx,
          page.items.map((c) => c.customerId),
          'customers.search',
        );
        return { items: page.items.map(toCustomerView), nextCursor: page.nextCursor };
      }
      const found =
        input.by === 'cpf'
          ? await ctx.customers.getByCpf(input.query)
          : await ctx.customers.getByEmail(input.query);
      if (found) await recordStaffRead(ctx, [found.customerId], 'customers.search');
      return { items: found ? [toCustomerView(found)] : [], nextCursor: null };
    }),

  update: supportProcedure
    .input(updateCustomerInputSchema)
    .output(customerViewSchema)
    .mutation(async ({ ctx, input }) => {
      const actor = { role: 'operator' as const, id: ctx.caller.operatorId };
      const before = await ctx.customers.getById(input.id);
      const updated = await ctx.customers.update(input.id, input.version, input.changes, actor);
      await recordStaffRead(ctx, [updated.customerId], 'customers.update');
      if (updated.email !== before?.email) {
        await sendAccountLink(ctx, input.id, updated.email, 'email_confirmation');
      }
      return toCustomerView(updated);
    }),

  delete: supportProcedure
    .input(customerIdSchema)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const customer = await ctx.customers.getById(input.id);
      await eraseCustomer(ctx, input.id, { role: 'operator', id: ctx.caller.operatorId });
      if (customer) await sendAccountMail(ctx, customer.email, { kind: 'account_erased' });
      ctx.log.info(
        { customerId: input.id, operatorId: ctx.caller.operatorId },
        'customer erased by an operator',
      );
      return { ok: true as const };
    }),

  /** The customer's history, newest first. */
  events: supportProcedure
    .input(customerIdSchema.extend(pageInputSchema.shape))
    .output(z.object({ items: z.array(customerEventViewSchema), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      await requireCustomer(ctx, input.id);
      const page = await ctx.events.list(input.id, input);
      // Operators read who did what by name, not by id.
      const operatorIds = new Set(page.items.filter((e) => e.actorRole === 'operator').map((e) => e.actorId));
      const names = new Map<string | undefined, string>();
      for (const id of operatorIds) {
        const operator = id ? await ctx.operators.getById(id) : null;
        if (operator) names.set(id, operator.name);
      }
      const items = page.items.map((e) => {
        const view = toEventView(e);
        const name = e.actorRole === 'operator' ? names.get(e.actorId) : undefined;
        return name ? { ...view, actor: { ...view.actor, name } } : view;
      });
      return { items, nextCursor: page.nextCursor };
    }),
};
