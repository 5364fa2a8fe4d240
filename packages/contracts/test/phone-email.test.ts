import { describe, expect, it } from 'vitest';
import { displayPhone, emailSchema, formatPhone, phoneSchema, toE164 } from '../src/index.ts';

describe('phone', () => {
  it.each([
    ['(11) 91234-5678', '+5511912345678'],
    ['11912345678', '+5511912345678'],
    ['+55 11 91234-5678', '+5511912345678'],
    ['(21) 3456-7890', '+552134567890'],
    ['+1 202 555 0143', '+12025550143'],
  ])('normalises %s to %s', (input, e164) => {
    expect(toE164(input)).toBe(e164);
    expect(phoneSchema.parse(input)).toBe(e164);
  });

  it.each(['123', '(00) 91234-5678', 'telefone', '', '+55 11 1234'])('rejects %j', (input) => {
    expect(toE164(input)).toBeNull();
    const result = phoneSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('phone_invalid');
  });

  it('formats while typing and for display', () => {
    expect(formatPhone('11912345678')).toBe('(11) 91234-5678');
    expect(displayPhone('+5511912345678')).toBe('(11) 91234-5678');
  });
});

describe('e-mail', () => {
  it('trims and lower-cases', () => {
    expect(emailSchema.parse('  Maria.Silva@Example.COM ')).toBe('maria.silva@example.com');
  });

  it.each(['maria', 'maria@', '@example.com', 'maria silva@example.com', ''])('rejects %j', (input) => {
    const result = emailSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('email_invalid');
  });

  it('rejects addresses over 254 characters', () => {
    const result = emailSchema.safeParse(`${'a'.repeat(250)}@x.com`);
    expect(result.success).toBe(false);
  });
});
