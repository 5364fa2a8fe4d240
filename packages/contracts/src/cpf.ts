/** CPF (Cadastro de Pessoas Físicas): 9 digits plus two mod-11 check digits, kept as an 11-digit string. */

const CPF_PUNCTUATION = /[.\-\s]/g;

/** Removes the usual punctuation (`123.456.789-09` → `12345678909`); anything else is left for validation to reject. */
export function normalizeCpf(input: string): string {
  return input.replace(CPF_PUNCTUATION, '');
}

function checkDigit(digits: string, firstWeight: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (firstWeight - i);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

export function isValidCpf(input: string): boolean {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf)) return false;
  if (/^(\d)\1{10}$/.test(cpf)) return false; // 000.000.000-00 … 999.999.999-99 pass the arithmetic but are invalid
  return (
    checkDigit(cpf.slice(0, 9), 10) === Number(cpf[9]) && checkDigit(cpf.slice(0, 10), 11) === Number(cpf[10])
  );
}

/** `12345678909` → `123.456.789-09`. Also formats a partial value, which is what an input mask needs. */
export function formatCpf(input: string): string {
  const d = input.replace(/\D/g, '').slice(0, 11);
  return (
    [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)].filter(Boolean).join('.') +
    (d.length > 9 ? `-${d.slice(9)}` : '')
  );
}
