import { formatCep, formatCpf, formatDateInput, formatPhone } from '@cadastro/contracts';
import type { ChangeEvent, KeyboardEvent } from 'react';

export interface Mask {
  format(value: string): string;
  /** The characters the customer types; everything else is punctuation the mask adds. */
  keeps: RegExp;
}

export const cpfMask: Mask = { format: formatCpf, keeps: /\d/ };
export const cepMask: Mask = { format: formatCep, keeps: /\d/ };
/** `dd/mm/aaaa`, whatever the browser's language (a date picker would follow it). */
export const dateMask: Mask = { format: formatDateInput, keeps: /\d/ };
export const phoneMask: Mask = {
  format: (value) => formatPhone(value.replace(/[^\d+]/g, '')),
  keeps: /[\d+]/,
};

function countKept(mask: Mask, text: string): number {
  let count = 0;
  for (const char of text) if (mask.keeps.test(char)) count++;
  return count;
}

/**
 * Reformats `value` and finds where the caret goes: after the same number of typed characters as before,
 * so editing in the middle does not throw the caret to the end.
 */
export function reformat(mask: Mask, value: string, caret: number): { value: string; caret: number } {
  const formatted = mask.format(value);
  const keptBefore = countKept(mask, value.slice(0, caret));
  if (keptBefore >= countKept(mask, formatted)) return { value: formatted, caret: formatted.length };
  let seen = 0;
  let position = 0;
  while (seen < keptBefore && position < formatted.length) {
    if (mask.keeps.test(formatted[position]!)) seen++;
    position++;
  }
  return { value: formatted, caret: position };
}

/**
 * Where Backspace should start: before the punctuation right behind the caret. Deleting only a `.` or `-`
 * would be undone by the mask at once, so Backspace takes the typed character before it instead.
 */
export function backspaceStart(mask: Mask, value: string, caret: number): number {
  let position = caret;
  while (position > 0 && !mask.keeps.test(value[position - 1]!)) position--;
  return position;
}

/** Event handlers that apply a mask to an `<input>`, to be wrapped around react-hook-form's `register`. */
export function maskHandlers(mask: Mask) {
  return {
    applyOnChange(event: ChangeEvent<HTMLInputElement>) {
      const input = event.target;
      const next = reformat(mask, input.value, input.selectionStart ?? input.value.length);
      input.value = next.value;
      if (document.activeElement === input) input.setSelectionRange(next.caret, next.caret);
    },
    onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
      const input = event.currentTarget;
      if (event.key !== 'Backspace' || input.selectionStart !== input.selectionEnd) return;
      const start = backspaceStart(mask, input.value, input.selectionStart ?? 0);
      if (start > 0) input.setSelectionRange(start, start);
    },
  };
}

/** react-hook-form's bindings of one input with `mask` applied as the customer types. */
export function masked<T extends { onChange: (event: ChangeEvent<HTMLInputElement>) => unknown }>(
  bound: T,
  mask: Mask,
) {
  const { applyOnChange, onKeyDown } = maskHandlers(mask);
  return {
    ...bound,
    onKeyDown,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      applyOnChange(event);
      return bound.onChange(event);
    },
  };
}
