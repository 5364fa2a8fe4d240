/** Limits shared by the SPA's forms and the server's validation. */
export const MIN_AGE_YEARS = 18;
export const MAX_AGE_YEARS = 130;
export const NAME_MAX = 150;
export const EMAIL_MAX = 254;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

/** The version of the terms a customer accepts when registering; bump it when the text changes. */
export const TERMS_VERSION = '2026-11';

/** Largest attachment accepted by default (10 MB); the server may lower or raise it (`CADASTRO_ATTACHMENT_MAX_BYTES`). */
export const ATTACHMENT_MAX_BYTES_DEFAULT = 10 * 1024 * 1024;
/** S3 accepts at most 5 GiB in one POST: no configured limit may exceed it. */
export const ATTACHMENT_MAX_BYTES_CEILING = 5 * 1024 ** 3;
export const ATTACHMENT_FILE_NAME_MAX = 200;
/** Longest restore a caller may ask for, in days (S3 itself allows far more; every day of the copy is billed). */
export const RESTORE_DAYS_MAX = 30;
/** Customers may keep a restored copy for at most this many days (operators up to RESTORE_DAYS_MAX). */
export const CUSTOMER_RESTORE_DAYS_MAX = 7;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/**
 * Most tRPC calls one HTTP request may carry. The server refuses larger batches; the SPA's and the client's batch
 * links split at this size.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
/** Shortest name prefix a search accepts. */
export const SEARCH_MIN = 2;
/** How long a password-recovery link works, in minutes, and an address-confirmation link, in hours. */
export const PASSWORD_RESET_TTL_MINUTES = 30;
export const EMAIL_CONFIRMATION_TTL_HOURS = 48;
