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
  BACKUP_RUNNING: 'BACKUP_RUNNING',
  BACKUP_INCOMPLETE: 'BACKUP_INCOMPLETE',
  BACKUP_CORRUPT: 'BACKUP_CORRUPT',
  BACKUP_UNSUPPORTED_FORMAT: 'BACKUP_UNSUPPORTED_FORMAT',
  TARGET_NOT_EMPTY: 'TARGET_NOT_EMPTY',
  /** Attachments: the object is larger than the limit. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** Attachments: the object's first bytes (or its stored type) do not match the declared content type. */
  FILE_TYPE_MISMATCH: 'FILE_TYPE_MISMATCH',
  /** Attachments: the object's size differs from the size declared when the upload was created. */
  FILE_SIZE_MISMATCH: 'FILE_SIZE_MISMATCH',
  /** Attachments: the stored object is no longer the one verified at confirm; it is not served. */
  FILE_CHANGED: 'FILE_CHANGED',
  /** Attachments: confirm was called but no object arrived (yet). */
  UPLOAD_MISSING: 'UPLOAD_MISSING',
  /** Attachments: the pending upload is past its expiry; create a new one. */
  UPLOAD_EXPIRED: 'UPLOAD_EXPIRED',
  /** Attachments: the upload was not confirmed yet, so it cannot be downloaded. */
  NOT_CONFIRMED: 'NOT_CONFIRMED',
  /** Attachments: a restore was requested for an object that is directly readable. */
  NOT_ARCHIVED: 'NOT_ARCHIVED',
  /** Attachments: the retrieval tier is not offered for the object's storage class, or not to this caller. */
  RESTORE_TIER_UNAVAILABLE: 'RESTORE_TIER_UNAVAILABLE',
  /** Wrong login or password: deliberately the same whether or not the account exists. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /**
   * Erasure (LGPD Art. 18 VI) could not finish; nothing the customer sees changed (they stay signed in) and
   * asking again finishes it.
   */
  ERASURE_FAILED: 'ERASURE_FAILED',
  /** A cookie-authenticated call from another site. */
  CROSS_SITE: 'CROSS_SITE',
  /** A batch names more procedures than the server takes at once, or more than one credential procedure. */
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  /** The server is at its bound for password work: retry after `Retry-After`. */
  BUSY: 'BUSY',
  /** DynamoDB or S3 did not answer in time or refused the connection: retry later. */
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  /** Anything unexpected: the message carries only the request id, the log has the cause. */
  INTERNAL: 'INTERNAL',
  /** An HTTP method the API does not serve (only GET and POST). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** An e-mailed link (password recovery, address confirmation) that is unknown, used already or expired. */
  TOKEN_INVALID: 'TOKEN_INVALID',
  /** The API key lacks the scope the procedure needs (`details.scope` names it). */
  MISSING_SCOPE: 'MISSING_SCOPE',
  /** A restore into the live table without the break-glass confirmation. */
  CONFIRMATION_REQUIRED: 'CONFIRMATION_REQUIRED',
  /** Operator sign-in: the password was right; now the authenticator's code is needed. */
  TOTP_REQUIRED: 'TOTP_REQUIRED',
  /** The authenticator's code is wrong, expired or already used. */
  TOTP_INVALID: 'TOTP_INVALID',
  /** The operator must choose a new password before anything else (first sign-in, after a reset). */
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  /** An admin must enrol an authenticator before anything else. */
  TOTP_ENROLMENT_REQUIRED: 'TOTP_ENROLMENT_REQUIRED',
  /** The invitation or reset link is unknown, used or expired. */
  INVITATION_INVALID: 'INVITATION_INVALID',
  /** The change would leave no active admin. */
  LAST_ADMIN: 'LAST_ADMIN',
  /** An operator with this e-mail exists. */
  OPERATOR_EXISTS: 'OPERATOR_EXISTS',
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
  cepUfMismatch: 'cep_uf_mismatch',
  ufInvalid: 'uf_invalid',
  dateInvalid: 'date_invalid',
  underage: 'underage',
  birthDateTooOld: 'birth_date_too_old',
  consentRequired: 'consent_required',
  termsOutdated: 'terms_outdated',
  fileNameInvalid: 'file_name_invalid',
  fileTypeNotAllowed: 'file_type_not_allowed',
  fileTooLarge: 'file_too_large',
  fileEmpty: 'file_empty',
  attachmentKindInvalid: 'attachment_kind_invalid',
  passwordTooShort: 'password_too_short',
  passwordWeak: 'password_weak',
  loginInvalid: 'login_invalid',
  /** Control characters, bidi overrides or lone surrogates in a free-text field. */
  textInvalidChars: 'text_invalid_chars',
} as const;
export type ValidationMessage = (typeof ValidationMessage)[keyof typeof ValidationMessage];
