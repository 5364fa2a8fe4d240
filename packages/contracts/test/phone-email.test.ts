import { AsYouType } from 'libphonenumber-js';
import minMetadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { displayPhone, emailSchema, formatPhone, phoneHelpers, phoneSchema, toE164 } from '../src/index.ts';
import { phoneMetadata as browserRules } from '../src/phone-metadata.browser.ts';

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

describe('the phone mask (Brazil only, by hand)', () => {
  /** Every prefix of a number, as it appears while typed. */
  const typing = (number: string) => Array.from(number, (_, i) => number.slice(0, i + 1));

  it('formats every prefix of Brazilian numbers as libphonenumber-js’s AsYouType does', () => {
    const numbers = ['11912345678', '21987654321', '2134567890', '1133334444', '4732221100', '6199998888'];
    for (const area of ['11', '21', '31', '47', '51', '61', '71', '81', '91', '99']) {
      for (const first of '123456789') numbers.push(`${area}${first}2345678`, `${area}${first}23456789`);
    }
    for (const number of numbers) {
      for (const typed of [...typing(number), ...typing(`+55${number}`)]) {
        expect(formatPhone(typed), typed).toBe(new AsYouType('BR').input(typed));
      }
    }
  });

  it('shows stored numbers in the national form, others as stored', () => {
    expect(displayPhone('+552134567890')).toBe('(21) 3456-7890');
    expect(displayPhone('+12025550143')).toBe('+12025550143');
  });

  it('leaves other countries, a national prefix and overlong input as digits', () => {
    expect(formatPhone('+1 650 253 0000')).toBe('+16502530000');
    expect(formatPhone('011912345678')).toBe('011912345678');
    expect(formatPhone('119123456789')).toBe('119123456789');
  });
});

describe('the browser phone rules (Brazil only)', () => {
  const browser = phoneHelpers(browserRules);

  it('are libphonenumber-js’s current rules for BR', () => {
    expect(browserRules.metadata.countries.BR).toEqual(minMetadata.countries.BR);
    expect(browserRules.metadata.version).toBe(minMetadata.version);
  });

  it('validate and format Brazilian numbers as the full rules do', () => {
    for (const input of ['(11) 91234-5678', '+55 11 91234-5678', '(21) 3456-7890']) {
      expect(browser.toE164(input)).toBe(toE164(input));
    }
    for (const input of ['123', '(00) 91234-5678', '+55 11 1234']) expect(browser.toE164(input)).toBeNull();
  });

  it('leave other countries to the server, checking only the E.164 shape', () => {
    expect(browser.toE164('+1 202 555 0143')).toBe('+12025550143');
    expect(browser.toE164('+1 2')).toBeNull();
    // The server's full rules refuse what the shape alone lets through.
    expect(toE164('+999 1234 5678')).toBeNull();
    expect(browser.toE164('+999 1234 5678')).toBe('+99912345678');
  });
});
