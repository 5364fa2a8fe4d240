/**
 * Brazilian phone numbers written as people write them, by hand rather than with libphonenumber-js's `AsYouType`
 * (~30 KB of code and its metadata to evaluate on every page with a phone field). Formatting only: whether a
 * number is valid is `toE164`'s business (phone.ts), on the server and in the browser alike.
 *
 * `(DD) NNNN-NNNN` for fixed lines (a subscriber number of 8 digits at most that starts with 2–5 or 7, as in
 * libphonenumber's rules for BR) and `(DD) NNNNN-NNNN` for the rest (mobiles); `+55 DD NNNNN NNNN` when typed with the country code. Other
 * countries' numbers (`+1…`), a national prefix (`0…`) or too many digits are left as typed, digits only.
 */
const BRAZIL = '55';
const NATIONAL_MAX = 11; // 2-digit area code + 9-digit mobile number

function subscriberGroups(subscriber: string): [string, string] {
  const split = subscriber.length < 9 && /^[2-57]/.test(subscriber) ? 4 : 5;
  return [subscriber.slice(0, split), subscriber.slice(split)];
}

/** Formats while typing: `11912` → `(11) 912`, `11912345678` → `(11) 91234-5678`, `+5511…` → `+55 11 …`. */
export function formatPhone(input: string): string {
  const international = input.trimStart().startsWith('+');
  const digits = input.replace(/\D/g, '');
  if (international) {
    const national = digits.slice(BRAZIL.length);
    if (!digits.startsWith(BRAZIL) || national.length > NATIONAL_MAX) return `+${digits}`;
    const [head, tail] = subscriberGroups(national.slice(2));
    return ['+55', national.slice(0, 2), head, tail].filter(Boolean).join(' ');
  }
  if (digits.length < 2 || digits.startsWith('0') || digits.length > NATIONAL_MAX) return digits;
  const [head, tail] = subscriberGroups(digits.slice(2));
  return `(${digits.slice(0, 2)})${head ? ` ${head}` : ''}${tail ? `-${tail}` : ''}`;
}

/** National form of a Brazilian E.164 number for display (`+5511912345678` → `(11) 91234-5678`); others as stored. */
export function displayPhone(e164: string): string {
  return e164.startsWith(`+${BRAZIL}`) ? formatPhone(e164.slice(1 + BRAZIL.length)) : e164;
}
