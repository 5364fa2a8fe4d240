import { z } from 'zod';
import { normalizeCep, UFS } from './cep.ts';
import { isValidCpf, normalizeCpf } from './cpf.ts';
import { ValidationMessage as M } from './errors.ts';
import { EMAIL_MAX, MAX_AGE_YEARS, MIN_AGE_YEARS, NAME_MAX, TERMS_VERSION } from './limits.ts';
import { toE164 } from './phone.ts';

const text = (max: number) =>
  z.string({ error: M.required }).trim().min(1, { error: M.required }).max(max, { error: M.tooLong });

export const nameSchema = z
  .string({ error: M.required })
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, { error: M.required })
      .max(NAME_MAX, { error: M.tooLong })
      .regex(/^[\p{L}][\p{L}'’. -]*$/u, { error: M.nameChars })
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

/** ISO date `YYYY-MM-DD`; the customer must be an adult (civil capacity) and plausibly alive. */
export const birthDateSchema = z
  .string({ error: M.required })
  .pipe(z.iso.date({ error: M.dateInvalid }))
  .superRefine((v, ctx) => {
    const age = ageOn(new Date(`${v}T00:00:00Z`), new Date());
    if (age < MIN_AGE_YEARS) ctx.addIssue({ code: 'custom', message: M.underage });
    else if (age > MAX_AGE_YEARS) ctx.addIssue({ code: 'custom', message: M.birthDateTooOld });
  });

export const addressSchema = z.object({
  cep: cepSchema,
  street: text(200),
  number: text(20),
  complement: z
    .string()
    .trim()
    .max(100, { error: M.tooLong })
    .optional()
    .transform((v) => v || undefined),
  district: text(100),
  city: text(100),
  uf: z.enum(UFS, { error: M.ufInvalid }),
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
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const customerIdSchema = z.object({ id: z.string().min(1).max(64) });
