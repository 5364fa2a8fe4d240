import { ValidationMessage as M } from './errors.ts';

/**
 * Characters no free-text field may hold: control characters (C0 and C1: NUL, ESC, CR, LF, tab…), which corrupt
 * terminals, logs and CSV exports; bidirectional overrides, embeddings, isolates and marks, which make a name or
 * an address read differently from what is stored; and lone surrogates, which are not valid Unicode and break
 * UTF-8 encoders.
 */
const CONTROL_OR_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isPlainText(value: string): boolean {
  return !CONTROL_OR_BIDI.test(value) && !LONE_SURROGATE.test(value);
}

/**
 * The one refinement every free-text field uses (`schema.refine(...plainText)`): its message is the stable key
 * `text_invalid_chars`, which the SPA translates.
 */
export const plainText = [isPlainText, { error: M.textInvalidChars }] as const;
