import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES_DEFAULT, formatBytes } from '../src/index.ts';

describe('formatBytes', () => {
  it('shows the default upload limit as the 10 MiB it is set to', () => {
    expect(formatBytes(ATTACHMENT_MAX_BYTES_DEFAULT, 'pt-BR')).toBe('10 MiB');
    expect(formatBytes(ATTACHMENT_MAX_BYTES_DEFAULT, 'en')).toBe('10 MiB');
  });

  it('writes fractions in the reader’s language, with one set of binary units', () => {
    expect(formatBytes(1.5 * 1024 * 1024, 'pt-BR')).toBe('1,5 MiB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MiB');
    expect(formatBytes(300 * 1024, 'pt-BR')).toBe('300 KiB');
    expect(formatBytes(128 * 1024)).toBe('128 KiB');
    expect(formatBytes(33, 'pt-BR')).toBe('33 B');
    expect(formatBytes(3 * 1024 ** 4, 'en')).toBe('3 TiB');
  });
});
