import type { RegisterInput } from './customer.ts';
import { TERMS_VERSION } from './limits.ts';

/** Test data helpers shared by every package's tests (browser-safe). */

/** A valid CPF for any 9-digit base, check digits computed independently of the code under test. */
export function cpfFrom(base: number): string {
  const digits = String(base).padStart(9, '0').split('').map(Number);
  for (const len of [9, 10]) {
    const sum = digits.slice(0, len).reduce((acc, d, i) => acc + d * (len + 1 - i), 0);
    const rest = (sum * 10) % 11;
    digits.push(rest === 10 ? 0 : rest);
  }
  return digits.join('');
}

/** The password every generated registration uses. */
export const TEST_PASSWORD = 'senha-forte-123';

let counter = 0;
const runBase = Math.floor(Math.random() * 700_000_000);

/** A fresh, valid registration (raw form values) with a unique CPF and e-mail. */
export function newRegistration(overrides: Partial<RegisterInput> = {}): RegisterInput {
  counter += 1;
  const n = runBase + counter;
  return {
    name: 'Maria da Silva',
    cpf: cpfFrom(100_000_000 + n),
    email: `maria.${n}@example.com`,
    phone: '(11) 91234-5678',
    birthDate: '1990-05-17',
    address: {
      cep: '01310-100',
      street: 'Avenida Paulista',
      number: '1578',
      district: 'Bela Vista',
      city: 'São Paulo',
      uf: 'SP',
    },
    consent: { termsVersion: TERMS_VERSION, accepted: true },
    password: TEST_PASSWORD,
    ...overrides,
  };
}
