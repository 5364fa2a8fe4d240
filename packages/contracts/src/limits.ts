/** Limits shared by the SPA's forms and the server's validation. */
export const MIN_AGE_YEARS = 18;
export const MAX_AGE_YEARS = 130;
export const NAME_MAX = 150;
export const EMAIL_MAX = 254;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

/** The version of the terms a customer accepts when registering; bump it when the text changes. */
export const TERMS_VERSION = '2026-11';
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/** Shortest name prefix a search accepts. */
export const SEARCH_MIN = 2;
