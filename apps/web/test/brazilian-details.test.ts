import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatCpf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describedTexts, spaUnderTest } from './chromium.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

/**
 * A local stand-in for a ViaCEP-compatible service (no other network here): 01310-100 is known, 20040-002 answers
 * after the lookup's timeout. Started before the server, which reads its address from `options`.
 */
const options: { cepLookup?: { urlTemplate: string; timeoutMs: number } } = {};
let stub: Server;
beforeAll(async () => {
  stub = createServer((req, res) => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          logradouro: 'Avenida Paulista',
          bairro: 'Bela Vista',
          localidade: 'São Paulo',
          uf: 'SP',
        }),
      );
    };
    if (req.url?.includes('01310100')) return answer();
    setTimeout(answer, 2000);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const { port } = stub.address() as AddressInfo;
  options.cepLookup = { urlTemplate: `http://127.0.0.1:${port}/ws/{cep}/json/`, timeoutMs: 500 };
});
afterAll(() => new Promise((resolve) => stub.close(resolve)));
const spa = spaUnderTest(options);

async function openAt(locale: string, language: 'pt-BR' | 'en', width: number): Promise<Page> {
  // The browser's own language differs from the page's: the date must not follow it.
  const context = await spa.browser.newContext({ locale, viewport: { width, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return context.newPage();
}

describe('Brazilian details in the forms', () => {
  // On phones in both languages (the page's language differs from the browser's); the desktop tests below run in
  // English and in Portuguese.
  it.each([
    {
      language: 'pt-BR' as const,
      locale: 'en-US',
      labels: { birthDate: 'Data de nascimento', cep: 'CEP', uf: 'Estado (UF)' },
      placeholder: 'dd/mm/aaaa',
      invalidDate: 'Data inválida.',
      cepOutsideState: 'Este CEP não é do estado escolhido. Confira o CEP e o estado.',
    },
    {
      language: 'en' as const,
      locale: 'pt-BR',
      labels: { birthDate: 'Date of birth', cep: 'CEP (postal code)', uf: 'State (UF)' },
      placeholder: 'dd/mm/yyyy',
      invalidDate: 'Invalid date.',
      cepOutsideState: 'This CEP is not in the chosen state. Check the CEP and the state.',
    },
  ])(
    '$language page in a $locale browser on a phone: day/month/year, a real invalid date, CEP against the state',
    async ({ language, locale, labels, placeholder, invalidDate, cepOutsideState }) => {
      const page = await openAt(locale, language, 390);
      await page.goto(spa.server.url);
      const exact = { exact: true };
      const birthDate = page.getByLabel(labels.birthDate, exact);
      const cep = page.getByLabel(labels.cep, exact);
      const uf = page.getByLabel(labels.uf, exact);
      await birthDate.pressSequentially('31021990');
      expect(await birthDate.inputValue()).toBe('31/02/1990');
      expect(await birthDate.getAttribute('placeholder')).toBe(placeholder);
      await birthDate.press('Tab');
      await page.locator('#field-birthDate-error').waitFor();
      expect(await describedTexts(birthDate)).toContain(invalidDate);

      await cep.pressSequentially('01310100');
      await uf.selectOption('RJ');
      await uf.press('Tab');
      await page.locator('#field-address-cep-error').waitFor();
      expect(await describedTexts(cep)).toContain(cepOutsideState);
      await page.context().close();
    },
  );

  it('English on a desktop: a taken CPF offers sign-in and recovery; Minha conta edits with the same masks', async () => {
    const existing = newRegistration();
    const seed = await fetch(`${spa.server.url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(existing),
    });
    expect(seed.status).toBe(200);

    const page = await openAt('pt-BR', 'pt-BR', 1280);
    await page.goto(spa.server.url);
    await fillRegistration(page, newRegistration({ cpf: existing.cpf }));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Register' }).click();
    const offer = page.getByTestId('already-registered');
    await offer.waitFor();
    expect(await offer.getByRole('link', { name: 'Sign in to your account' }).getAttribute('href')).toBe(
      '/entrar',
    );
    await offer.getByRole('link', { name: 'recover your password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot my password' }).waitFor();

    // The owner of that CPF signs in (the profile's script starts each load in Portuguese: switch again).
    await page.goto(`${spa.server.url}/entrar`);
    await page.getByLabel('CPF ou e-mail').waitFor(); // the form appears once the app runs
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('CPF or e-mail').fill(formatCpf(existing.cpf));
    await page.getByLabel('Password', { exact: true }).fill(existing.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('button', { name: 'Edit data' }).click();
    const phone = page.getByLabel('Mobile or phone', { exact: true });
    const cep = page.getByLabel('CEP (postal code)', { exact: true });
    expect(await phone.inputValue()).toBe('(11) 91234-5678');
    expect(await cep.inputValue()).toBe('01310-100');
    await phone.fill('');
    await phone.pressSequentially('21987654321');
    expect(await phone.inputValue()).toBe('(21) 98765-4321');
    await cep.fill('');
    await cep.pressSequentially('20040002');
    expect(await cep.inputValue()).toBe('20040-002');
    await page.getByLabel('State (UF)', { exact: true }).selectOption('RJ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Data updated.').waitFor();
    const stored = await spa.server.services.customers.getByCpf(existing.cpf);
    expect(stored).toMatchObject({ phone: '+5521987654321', address: { cep: '20040002', uf: 'RJ' } });
    await page.context().close();
  });

  it('a whole CEP fills the empty address fields; a slow lookup leaves the form as it was', async () => {
    const page = await openAt('pt-BR', 'pt-BR', 1280);
    await page.goto(spa.server.url);
    const form = registrationForm(page);
    await form.cep.pressSequentially('01310100');
    await page.waitForFunction(
      () => (document.getElementById('field-address-street') as HTMLInputElement)?.value !== '',
    );
    expect(await form.street.inputValue()).toBe('Avenida Paulista');
    expect(await form.district.inputValue()).toBe('Bela Vista');
    expect(await form.city.inputValue()).toBe('São Paulo');
    expect(await form.uf.inputValue()).toBe('SP');

    // A CEP the service is slow on: the customer types on, and registers with what they typed.
    await page.reload();
    const customer = newRegistration({
      address: {
        cep: '20040-002',
        street: 'Rua da Assembleia',
        number: '10',
        district: 'Centro',
        city: 'Rio de Janeiro',
        uf: 'RJ',
      },
    });
    await fillRegistration(page, customer);
    await form.submit.click();
    await page.getByRole('heading', { level: 1, name: 'Cadastro concluído' }).waitFor();
    const stored = await spa.server.services.customers.getByCpf(customer.cpf);
    expect(stored?.address).toMatchObject({ street: 'Rua da Assembleia', city: 'Rio de Janeiro', uf: 'RJ' });
    await page.context().close();
  });
});
