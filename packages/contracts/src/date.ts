/** `17/05/1990` → `1990-05-17`: the day-month-year order Brazilians write, whatever the browser's language. */
export function brazilianDateToIso(input: string): string {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(input.trim());
  return match ? `${match[3]}-${match[2]}-${match[1]}` : input.trim();
}

/** Formats while typing: `170519` → `17/05/19`. */
export function formatDateInput(input: string): string {
  const d = input.replace(/\D/g, '').slice(0, 8);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4)].filter(Boolean).join('/');
}

/** `1990-05-17` → `17/05/1990`. */
export function isoToBrazilianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
