import { z } from 'zod';
import { cepMatchesUf, normalizeCep, UFS } from './cep.ts';
import { isValidCpf, normalizeCpf } from './cpf.ts';
import { brazilianDateToIso } from './date.ts';
import { ValidationMessage as M } from './errors.ts';
import { EMAIL_MAX, MAX_AGE_YEARS, MIN_AGE_YEARS, NAME_MAX, SEARCH_MIN, TERMS_VERSION } from './limits.ts';
import { pageInputSchema } from './pagination.ts';
import { passwordSchema } from './password.ts';
import { toE164 } from './phone.ts';
import { plainText } from './text.ts';

const text = (max: number) =>
  z
    .string({ error: M.required })
    .trim()
    .min(1, { error: M.required })
    .max(max, { error: M.tooLong })
    .refine(...plainText);

export const nameSchema = z
  .string({ error: M.required })
  .refine(...plainText) // before spaces are collapsed: a tab or line break in a name is refused, not folded
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, { error: M.required })
      .max(NAME_MAX, { error: M.tooLong })
      // U+2019 (the typographic apostrophe, as in D’Ávila) escaped: the server's release bundle stays ASCII.
      .regex(/^[\p{L}][\p{L}'\u2019. -]*$/u, { error: M.nameChars })
      .refine((v) => v.split(' ').filter((w) => w.length > 1).length >= 2, { error: M.nameFull }),
  );

/** Accepts `123.456.789-09` or `12345678909`; yields the 11 digits. */
export const cpfSchema = z
  .string({ error: M.required })
  .transform((v) => normalizeCpf(v.trim()))
  .refine(isValidCpf, { error: M.cpfInvalid });

/** Trimmed and lower-cased before it is checked, stored and compared. */
export const emailSchema = z
  .string({ error: M.required })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email({ error: M.emailInvalid }).max(EMAIL_MAX, { error: M.tooLong }));

/** Any valid number, national Brazilian form allowed; yields E.164 (`+5511912345678`). */
export const phoneSchema = z.string({ error: M.required }).transform((v, ctx) => {
  const e164 = toE164(v);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: M.phoneInvalid });
    return z.NEVER;
  }
  return e164;
});

export const cepSchema = z
  .string({ error: M.required })
  .transform((v) => normalizeCep(v.trim()))
  .refine((v) => /^\d{8}$/.test(v), { error: M.cepInvalid });

function ageOn(birth: Date, today: Date): number {
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() ||
    (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/**
 * A real date, as typed in Brazil (`17/05/1990`) or ISO (`1990-05-17`), yielding the ISO form; the customer must be
 * an adult (civil capacity) and plausibly alive.
 */
export const birthDateSchema = z
  .string({ error: M.required })
  .transform(brazilianDateToIso)
  .pipe(z.iso.date({ error: M.dateInvalid }))
  .superRefine((v, ctx) => {
    const age = ageOn(new Date(`${v}T00:00:00Z`), new Date());
    if (age < MIN_AGE_YEARS) ctx.addIssue({ code: 'custom', message: M.underage });
    else if (age > MAX_AGE_YEARS) ctx.addIssue({ code: 'custom', message: M.birthDateTooOld });
  });

export const addressSchema = z
  .object({
    cep: cepSchema,
    street: text(200),
    number: text(20),
    complement: z
      .string()
      .trim()
      .max(100, { error: M.tooLong })
      .refine(...plainText)
      .optional()
      .transform((v) => v || undefined),
    district: text(100),
    city: text(100),
    uf: z.enum(UFS, { error: M.ufInvalid }),
  })
  // Judged only once CEP and state are each valid: a malformed one already has its own error.
  .refine((a) => !/^\d{8}$/.test(a.cep) || !UFS.includes(a.uf) || cepMatchesUf(a.cep, a.uf), {
    path: ['cep'],
    error: M.cepUfMismatch,
  });
export type Address = z.output<typeof addressSchema>;

export const consentInputSchema = z.object({
  termsVersion: z.literal(TERMS_VERSION, { error: M.termsOutdated }),
  accepted: z.literal(true, { error: M.consentRequired }),
});

export const registerInputSchema = z.object({
  name: nameSchema,
  cpf: cpfSchema,
  email: emailSchema,
  phone: phoneSchema,
  birthDate: birthDateSchema,
  address: addressSchema,
  consent: consentInputSchema,
  password: passwordSchema,
});
/** What a form holds (raw strings). */
export type RegisterInput = z.input<typeof registerInputSchema>;
/** What the server stores (normalised values). */
export type RegisterData = z.output<typeof registerInputSchema>;

export const customerStatusSchema = z.enum(['active']);

/** The customer as the API shows it. */
export const customerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  cpf: z.string(),
  email: z.string(),
  phone: z.string(),
  birthDate: z.string(),
  address: addressSchema,
  status: customerStatusSchema,
  consent: z.object({ termsVersion: z.string(), acceptedAt: z.string() }),
  consents: z.array(z.lazy(() => consentViewSchema)),
  /** Whether the customer confirmed the current address through the link e-mailed to it. */
  emailConfirmed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const customerIdSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * What a customer consents to. `terms` is given at registration and is the basis of the account (withdrawing it
 * means deleting the account); `marketing` is optional and can be granted and revoked at any time.
 */
export const CONSENT_PURPOSES = ['terms', 'marketing'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

export const consentViewSchema = z.object({
  purpose: consentPurposeSchema,
  termsVersion: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

export const setConsentInputSchema = z.object({
  purpose: z.literal('marketing'),
  granted: z.boolean(),
  termsVersion: z.literal(TERMS_VERSION, { error: M.termsOutdated }),
});
export type SetConsentInput = z.input<typeof setConsentInputSchema>;

/** The fields a customer (or an operator for them) may change; CPF and birth date are fixed after registration. */
export const customerChangesSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    phone: phoneSchema,
    address: addressSchema,
  })
  .partial();
export type CustomerChanges = z.output<typeof customerChangesSchema>;

/** `version` is the one the form was loaded with: a change made meanwhile by someone else fails with VERSION_CONFLICT. */
export const updateMeInputSchema = z.object({
  version: z.number().int().min(1),
  changes: customerChangesSchema,
});
export type UpdateMeInput = z.input<typeof updateMeInputSchema>;

export const updateCustomerInputSchema = updateMeInputSchema.extend({ id: z.string().min(1).max(64) });
export type UpdateCustomerInput = z.input<typeof updateCustomerInputSchema>;

/** Deleting one's own account asks for the password again. */
export const deleteMeInputSchema = z.object({
  password: z.string({ error: M.required }).min(1, { error: M.required }).max(200),
});

/** Lower case, no accents, single spaces: `  José  da SILVA` → `jose da silva`. What name search compares. */
export function searchableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const customerSearchInputSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('cpf'), query: cpfSchema }),
  z.object({ by: z.literal('email'), query: emailSchema }),
  z.object({
    by: z.literal('name'),
    query: z
      .string({ error: M.required })
      .refine(...plainText)
      .transform(searchableName)
      .pipe(z.string().min(SEARCH_MIN, { error: M.tooShort }).max(NAME_MAX, { error: M.tooLong })),
    ...pageInputSchema.shape,
  }),
]);
export type CustomerSearchInput = z.input<typeof customerSearchInputSchema>;

/** One customer by exact CPF or e-mail, for services: sent in a POST body, never in a URL. */
export const customerLookupInputSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('cpf'), value: cpfSchema }),
  z.object({ by: z.literal('email'), value: emailSchema }),
]);
export type CustomerLookupInput = z.input<typeof customerLookupInputSchema>;

export const customerEventViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  /** `name`: the operator's name, in the operators' view of the history only (the customer sees "staff"). */
  actor: z.object({ role: z.string(), id: z.string().nullable(), name: z.string().optional() }),
  fields: z.array(z.string()),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type CustomerEventView = z.infer<typeof customerEventViewSchema>;

/** Everything held about a customer (LGPD Art. 18 V / Art. 19), as the customer downloads it. */
export const customerExportSchema = z.object({
  exportedAt: z.string(),
  customer: customerViewSchema,
  consents: z.array(consentViewSchema),
  documents: z.array(z.record(z.string(), z.unknown())),
  history: z.array(customerEventViewSchema),
});
export type CustomerExport = z.infer<typeof customerExportSchema>;
