import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Brazilian numbers may be written nationally (`(11) 91234-5678`); other countries need their `+` prefix. */
const DEFAULT_COUNTRY = 'BR';

/** The E.164 form (`+5511912345678`) of a valid phone number, or `null`. */
export function toE164(input: string): string | null {
  const phone = parsePhoneNumberFromString(input.trim(), DEFAULT_COUNTRY);
  return phone?.isValid() ? phone.number : null;
}

/** Formats while typing: `11912` → `(11) 912`. */
export function formatPhone(input: string): string {
  return new AsYouType(DEFAULT_COUNTRY).input(input);
}

/** National form for display: `+5511912345678` → `(11) 91234-5678`. */
export function displayPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === DEFAULT_COUNTRY ? phone.formatNational() : phone.formatInternational();
}
