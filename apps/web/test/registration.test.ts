import { protocolOf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describedTexts, spaUnderTest } from './chromium.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

const spa = spaUnderTest();

/** A fresh browser profile (empty localStorage) on the registration page. */
async function openRegistration(viewport = { width: 1280, height: 720 }): Promise<Page> {
  const context = await spa.browser.newContext({ locale: 'pt-BR', viewport });
  const page = await context.newPage();
  // The heading is prerendered; the app runs once the page has painted, asks who is signed in, shows the form.
  const started = page.waitForResponse((response) => response.url().includes('/trpc/auth.me'));
  await page.goto(spa.server.url);
  await page.getByRole('heading', { level: 1, name: 'Crie seu cadastro' }).waitFor();
  await started;
  await registrationForm(page).submit.waitFor();
  return page;
}

/** Waits until focus is on `selector` (focus moves in an effect, just after the content appears). */
const focusReaches = (page: Page, selector: string) =>
  page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout: 5_000 });

describe('registration in the browser', () => {
  it('registers a customer, shows the confirmation, then puts a second use of the CPF on the CPF field', async () => {
    const page = await openRegistration();
    const first = newRegistration();
    await fillRegistration(page, first);
    // Hold the request so the pending state can be seen: no second submit while one is on its way.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/trpc/**', async (route) => {
      await held;
      await route.continue();
    });
    await registrationForm(page).submit.click();
    const sending = page.getByRole('button', { name: 'Enviando…' });
    await sending.waitFor();
    expect(await sending.isDisabled()).toBe(true);
    release();

    await page.waitForURL(`${spa.server.url}/cadastro/concluido`);
    await page.unroute('**/trpc/**');
    await page.getByRole('heading', { level: 1, name: 'Cadastro concluído' }).waitFor();
    expect(await page.getByText('Obrigado, Maria! Seu cadastro foi recebido.').count()).toBe(1);
    // A short protocol derived from the stored customer's id, and where to go next.
    const protocol = (await page.getByTestId('protocol').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^CAD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stored = await spa.server.services.customers.getByCpf(first.cpf);
    expect(stored).toMatchObject({ email: first.email, address: { cep: '01310100' } });
    expect(protocolOf(stored!.customerId)).toBe(protocol);
    expect(await page.getByRole('link', { name: 'Meus documentos' }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Ir para Minha conta' }).click();
    await page.getByRole('heading', { level: 1, name: 'Minha conta' }).waitFor();

    await page.goto(spa.server.url);
    await page.getByRole('heading', { level: 1, name: 'Crie seu cadastro' }).waitFor();
    await fillRegistration(page, newRegistration({ cpf: first.cpf }));
    const form = registrationForm(page);
    await form.submit.click();

    await page.locator('#field-cpf-error').waitFor();
    expect(await form.cpf.getAttribute('aria-invalid')).toBe('true');
    expect(await describedTexts(form.cpf)).toContain('CPF já cadastrado');
    expect(await form.email.getAttribute('aria-invalid')).toBe('false');
    expect(new URL(page.url()).pathname).toBe('/');
    await focusReaches(page, '.error-summary');
    expect(await form.errorSummary.textContent()).toContain('CPF já cadastrado');
    await page.context().close();
  });

  it('shows a translated inline error for an invalid CPF without calling the server', async () => {
    const page = await openRegistration();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/trpc')) apiCalls.push(request.url());
    });
    const form = registrationForm(page);

    await form.cpf.pressSequentially('12345678900');
    expect(await form.cpf.inputValue()).toBe('123.456.789-00');
    await form.cpf.press('Tab'); // validation runs when the field is left
    await page.locator('#field-cpf-error').waitFor();
    expect(await form.cpf.getAttribute('aria-invalid')).toBe('true');
    expect(await describedTexts(form.cpf)).toEqual([
      'Só os números; a pontuação aparece sozinha.',
      'CPF inválido. Confira os 11 números.',
    ]);

    await form.submit.click();
    await form.errorSummary.waitFor();
    await focusReaches(page, '.error-summary');
    expect(await form.errorSummary.textContent()).toContain('CPF: CPF inválido. Confira os 11 números.');
    expect(await form.name.getAttribute('aria-invalid')).toBe('true');
    // an empty field asks to be filled in rather than calling what is not there invalid
    expect(await describedTexts(form.email)).toEqual(['Preencha este campo.']);
    expect(apiCalls).toEqual([]);
    await page.context().close();
  });

  it('submits on the first click even when leaving a field with an error would move the button', async () => {
    // tall enough that nothing scrolls: scroll anchoring would otherwise hold the button in place
    const page = await openRegistration({ width: 1280, height: 1600 });
    const form = registrationForm(page);
    await form.cpf.pressSequentially('5299822');
    await form.submit.click();
    await form.errorSummary.waitFor({ timeout: 5_000 });
    await focusReaches(page, '.error-summary');
    expect(await form.cpf.getAttribute('aria-invalid')).toBe('true');
    expect(await form.name.getAttribute('aria-invalid')).toBe('true');
    await page.context().close();
  });

  it('switches to English, translating labels and errors, and remembers the choice', async () => {
    const page = await openRegistration();
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create your registration' }).waitFor();
    expect(await page.getByLabel('Full name').count()).toBe(1);
    expect(await page.getByLabel('Date of birth').count()).toBe(1);
    expect(await page.getByLabel('Nome completo').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    const cpf = page.getByLabel('CPF', { exact: true });
    await cpf.pressSequentially('11111111111');
    await cpf.press('Tab');
    await page.locator('#field-cpf-error').waitFor();
    expect(await describedTexts(cpf)).toContain('Invalid CPF. Check the 11 digits.');

    await page.reload();
    await page.getByLabel('Full name').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Português' }).click();
    await page.getByLabel('Nome completo').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
    await page.context().close();
  });
});
