import { formatCpf, isValidCpf } from '@cadastro/contracts';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';

/** Records the URL of every request a browser context makes (pages, scripts, API calls, uploads). */
export function recordRequestUrls(context: BrowserContext, urls: string[] = []): string[] {
  context.on('request', (request) => {
    urls.push(request.url());
  });
  return urls;
}

/** Anything in a URL that reads as an e-mail address (also percent-encoded) or as a valid CPF. */
export function personalDataIn(url: string): string[] {
  const decoded = safeDecode(url);
  const found: string[] = [];
  if (/[^\s/?#&=]+@[^\s/?#&=]+\.[a-z]{2,}/i.test(decoded)) found.push('an e-mail address');
  for (const match of decoded.matchAll(/(?<![\d.-])(\d{3}\.?\d{3}\.?\d{3}-?\d{2})(?![\d.-])/g)) {
    if (isValidCpf(match[1]!.replace(/\D/g, ''))) found.push(`a CPF (${match[1]})`);
  }
  return found;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * No URL holds a CPF (with or without punctuation) or an e-mail: neither generally nor, named in `known`, the
 * test's own people (personal data goes in POST bodies, which no access log keeps).
 */
export function expectNoPersonalDataInUrls(
  urls: readonly string[],
  known: ReadonlyArray<{ cpf?: string; email?: string }> = [],
): void {
  const values = known.flatMap((k) => [
    ...(k.cpf ? [k.cpf, formatCpf(k.cpf)] : []),
    ...(k.email ? [k.email, encodeURIComponent(k.email)] : []),
  ]);
  const offending = urls.flatMap((url) => {
    const reasons = personalDataIn(url);
    for (const value of values) if (url.includes(value)) reasons.push(`the test data ${value}`);
    return reasons.length ? [`${url} (${reasons.join(', ')})`] : [];
  });
  expect(offending, 'URLs holding personal data').toEqual([]);
}
