/**
 * Stable, machine-readable reasons carried in `error.data.reason` next to the tRPC code.
 * Clients switch on these; the SPA translates them. Never rename one: add a new one.
 */
export const ErrorReason = {
  VALIDATION: 'VALIDATION',
  CPF_TAKEN: 'CPF_TAKEN',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_CURSOR: 'INVALID_CURSOR',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  ARCHIVED: 'ARCHIVED',
  /** Wrong login or password: deliberately the same whether or not the account exists. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** A cookie-authenticated call from another site. */
  CROSS_SITE: 'CROSS_SITE',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

/** The field each uniqueness conflict belongs to, so forms can show it in the right place. */
export const CONFLICT_FIELD = {
  CPF_TAKEN: 'cpf',
  EMAIL_TAKEN: 'email',
} as const satisfies Partial<Record<ErrorReason, string>>;

/**
 * Validation messages are stable keys (`cpf_invalid`), not prose: the API returns them per field
 * and the SPA translates them into pt-BR or English.
 */
export const ValidationMessage = {
  required: 'required',
  tooShort: 'too_short',
  tooLong: 'too_long',
  nameFull: 'name_full_required',
  nameChars: 'name_invalid_chars',
  cpfInvalid: 'cpf_invalid',
  emailInvalid: 'email_invalid',
  phoneInvalid: 'phone_invalid',
  cepInvalid: 'cep_invalid',
  ufInvalid: 'uf_invalid',
  dateInvalid: 'date_invalid',
  underage: 'underage',
  birthDateTooOld: 'birth_date_too_old',
  consentRequired: 'consent_required',
  termsOutdated: 'terms_outdated',
  passwordTooShort: 'password_too_short',
  passwordWeak: 'password_weak',
  loginInvalid: 'login_invalid',
} as const;
export type ValidationMessage = (typeof ValidationMessage)[keyof typeof ValidationMessage];
