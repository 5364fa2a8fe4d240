/**
 * `Content-Disposition: attachment` with the original file name, readable by every browser: an ASCII fallback in
 * `filename` and the exact UTF-8 name in `filename*` (RFC 6266 with RFC 5987 encoding).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // "Certidão" → "Certidao"
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encoding per RFC 5987 `attr-char`: encodeURIComponent leaves `'()*` alone, which must be encoded too. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
