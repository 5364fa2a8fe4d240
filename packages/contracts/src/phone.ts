import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { phoneMetadata } from '#phone-metadata';

/** Brazilian numbers may be written nationally (`(11) 91234-5678`); other countries need their `+` prefix. */
const DEFAULT_COUNTRY = 'BR';

export interface PhoneRules {
  metadata: MetadataJson;
  /** False when the metadata covers some countries only (the browser's): see `toE164`. */
  complete: boolean;
}

/** Phone validation over a set of rules (formatting is `phone-format.ts`, which needs none); the module's exports use the ones of the platform (`#phone-metadata`). */
export function phoneHelpers({ metadata, complete }: PhoneRules) {
  const callingCodes = new Set(Object.keys(metadata.country_calling_codes));

  /**
   * The E.164 form (`+5511912345678`) of a valid phone number, or `null`. With partial rules, a number whose
   * calling code they do not cover is accepted on its E.164 shape alone: the server, holding every country's
   * rules, checks it fully and answers on the phone field.
   */
  function toE164(input: string): string | null {
    const phone = parsePhoneNumberFromString(input.trim(), DEFAULT_COUNTRY, metadata);
    if (phone?.isValid()) return phone.number;
    if (complete) return null;
    const compact = input.replace(/[\s().-]/g, '');
    if (!/^\+[1-9]\d{7,14}$/.test(compact)) return null;
    const covered = [2, 3, 4].some((end) => callingCodes.has(compact.slice(1, end)));
    return covered ? null : compact;
  }

  return { toE164 };
}

export const { toE164 } = phoneHelpers(phoneMetadata);
