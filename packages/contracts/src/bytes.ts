const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * `10 MiB`, `1,5 MiB`, `300 KiB`: the one way sizes are written, in the SPA, the reports and the command line.
 * Sizes step by 1024, as the limits are set (`ATTACHMENT_MAX_BYTES_DEFAULT` is 10 × 1024 × 1024), so the units
 * are the binary ones and the 10 MiB limit reads "10 MiB". Fractions follow `language` (`pt-BR`: comma).
 */
export function formatBytes(bytes: number, language = 'en'): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}
