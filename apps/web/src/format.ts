/**
 * `10 MB`, `1,5 MB`, `300 KB` in the reader's language. Sizes step by 1024, as the limits are set
 * (`ATTACHMENT_MAX_BYTES_DEFAULT` is 10 × 1024 × 1024): the 10 MB limit reads "10 MB", not "10,5 MB".
 */
export function formatBytes(bytes: number, language: string): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
