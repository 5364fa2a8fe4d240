import {
  formatCep,
  formatCpf,
  formatPhone,
  isoToBrazilianDate,
  type RegisterInput,
} from '@cadastro/contracts';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The form's controls by their Portuguese labels, as a customer finds them. */
export function registrationForm(page: Page) {
  const exact = { exact: true };
  return {
    name: page.getByLabel('Nome completo', exact),
    cpf: page.getByLabel('CPF', exact),
    birthDate: page.getByLabel('Data de nascimento', exact),
    email: page.getByLabel('E-mail', exact),
    phone: page.getByLabel('Celular ou telefone', exact),
    cep: page.getByLabel('CEP', exact),
    street: page.getByLabel('Rua, avenida', exact),
    number: page.getByLabel('Número', exact),
    complement: page.getByLabel(/^Complemento/),
    district: page.getByLabel('Bairro', exact),
    city: page.getByLabel('Cidade', exact),
    uf: page.getByLabel('Estado (UF)', exact),
    password: page.getByLabel('Senha', exact),
    consent: page.getByLabel(/Li e aceito os termos de uso/),
    submit: page.getByRole('button', { name: 'Cadastrar' }),
    errorSummary: page.locator('.error-summary'),
  };
}

/** Types the way a person does: digits only into the masked fields, and checks the mask formats them. */
export async function fillRegistration(page: Page, registration: RegisterInput): Promise<void> {
  const form = registrationForm(page);
  const digits = (value: string) => value.replace(/\D/g, '');

  await form.name.pressSequentially(registration.name);
  await form.cpf.pressSequentially(digits(registration.cpf));
  expect(await form.cpf.inputValue()).toBe(formatCpf(registration.cpf));
  // Typed day, month, year whatever the browser's language; the mask adds the slashes.
  const birthDate = isoToBrazilianDate(registration.birthDate);
  await form.birthDate.pressSequentially(digits(birthDate));
  expect(await form.birthDate.inputValue()).toBe(birthDate);
  await form.email.pressSequentially(registration.email);
  await form.phone.pressSequentially(digits(registration.phone));
  expect(await form.phone.inputValue()).toBe(formatPhone(digits(registration.phone)));
  await form.cep.pressSequentially(digits(registration.address.cep));
  expect(await form.cep.inputValue()).toBe(formatCep(registration.address.cep));
  await form.street.pressSequentially(registration.address.street);
  await form.number.pressSequentially(registration.address.number);
  await form.district.pressSequentially(registration.address.district);
  await form.city.pressSequentially(registration.address.city);
  await form.uf.selectOption(registration.address.uf);
  await form.password.fill(registration.password);
  await form.consent.check();
}
