import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MAX_BYTES_DEFAULT,
  checkFileBeforeUpload,
  createUploadInputSchema,
  hasMagicNumberOf,
  MAGIC_BYTES_LENGTH,
} from '../src/index.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('attachment rules', () => {
  it('recognise PDF, JPEG and PNG by their first bytes', () => {
    expect(hasMagicNumberOf('application/pdf', new TextEncoder().encode('%PDF-1.7\n'))).toBe(true);
    expect(hasMagicNumberOf('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(hasMagicNumberOf('image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(true);
    expect(hasMagicNumberOf('application/pdf', bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(false);
    expect(hasMagicNumberOf('image/png', bytes(0x89, 0x50))).toBe(false);
    expect(MAGIC_BYTES_LENGTH).toBe(8);
  });

  it('accept an allowed upload and refuse other types, empty or oversize files and paths as names', () => {
    const schema = createUploadInputSchema();
    const ok = { kind: 'identity', fileName: ' RG frente.pdf ', contentType: 'application/pdf', size: 1000 };
    expect(schema.parse(ok).fileName).toBe('RG frente.pdf');
    const issues = (input: object) =>
      schema.safeParse({ ...ok, ...input }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ contentType: 'image/gif' })).toEqual(['file_type_not_allowed']);
    expect(issues({ size: 0 })).toEqual(['file_empty']);
    expect(issues({ size: ATTACHMENT_MAX_BYTES_DEFAULT + 1 })).toEqual(['file_too_large']);
    expect(issues({ fileName: '../etc/passwd' })).toEqual(['file_name_invalid']);
    expect(createUploadInputSchema(500).safeParse(ok).success).toBe(false);
  });

  it('pre-check a browser File the same way', () => {
    expect(checkFileBeforeUpload({ name: 'a.png', type: 'image/png', size: 10 })).toBeNull();
    expect(checkFileBeforeUpload({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe(
      'file_type_not_allowed',
    );
    expect(checkFileBeforeUpload({ name: 'a.pdf', type: 'application/pdf', size: 11 }, 10)).toBe(
      'file_too_large',
    );
  });
});
