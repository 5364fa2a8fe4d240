import { ATTACHMENT_MAX_BYTES_DEFAULT } from '@cadastro/contracts';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/format.ts';

describe('formatBytes', () => {
  it('shows the default upload limit as the 10 MB it is set to', () => {
    expect(formatBytes(ATTACHMENT_MAX_BYTES_DEFAULT, 'pt-BR')).toBe('10 MB');
    expect(formatBytes(ATTACHMENT_MAX_BYTES_DEFAULT, 'en')).toBe('10 MB');
  });

  it('writes fractions and units in the reader’s language', () => {
    expect(formatBytes(1.5 * 1024 * 1024, 'pt-BR')).toBe('1,5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(300 * 1024, 'pt-BR')).toBe('300 KB');
    expect(formatBytes(33, 'pt-BR')).toBe('33 bytes');
  });
});
