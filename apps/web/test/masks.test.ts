import { describe, expect, it } from 'vitest';
import { backspaceStart, cepMask, cpfMask, phoneMask, reformat } from '../src/features/registration/masks.ts';

/** Types `keys` one by one at the end, as the browser would, reformatting after each. */
function typeInto(mask: typeof cpfMask, keys: string): string {
  let value = '';
  for (const key of keys) value = reformat(mask, value + key, value.length + 1).value;
  return value;
}

describe('input masks', () => {
  it('formats CPF, CEP and phone while they are typed', () => {
    expect(typeInto(cpfMask, '52998224725')).toBe('529.982.247-25');
    expect(typeInto(cpfMask, '529982247251')).toBe('529.982.247-25');
    expect(typeInto(cepMask, '01310100')).toBe('01310-100');
    expect(typeInto(phoneMask, '11912345678')).toBe('(11) 91234-5678');
    // Brazil's numbers only: another country's is kept as typed (the server checks it with every country's rules).
    expect(typeInto(phoneMask, '+16502530000')).toBe('+16502530000');
  });

  it('keeps the caret after the same digit when editing in the middle', () => {
    // "529.982.247-25" with a 0 typed after "529.9": the caret stays right after the new digit
    const edited = reformat(cpfMask, '529.9082.247-25', 6);
    expect(edited.value).toBe('529.908.224-72');
    expect(edited.caret).toBe(6);
    // a pasted, formatted value lands whole with the caret at the end
    expect(reformat(cpfMask, '529.982.247-25', 14)).toEqual({ value: '529.982.247-25', caret: 14 });
  });

  it('lets Backspace remove the digit behind the punctuation instead of the punctuation', () => {
    expect(backspaceStart(cpfMask, '529.982', 4)).toBe(3);
    expect(backspaceStart(phoneMask, '(11) 9', 5)).toBe(3);
    expect(backspaceStart(cepMask, '01310-1', 7)).toBe(7);
    expect(backspaceStart(cpfMask, '', 0)).toBe(0);
  });
});
