import { formatCpf, protocolOf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerIn, spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll, keepScreenshot } from './layout.ts';
import { fillRegistration } from './registration-form.ts';

const spa = spaUnderTest();

async function openAt(language: 'pt-BR' | 'en', width: number): Promise<Page> {
  const context = await spa.browser.newContext({ locale: language, viewport: { width, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return context.newPage();
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('after registering', () => {
  it('English on a phone: a short protocol and the next steps', async () => {
    const page = await openAt('en', 390);
    const customer = newRegistration({ name: 'Joana Prado' });
    await page.goto(spa.server.url);
    // The helper finds the form by its Portuguese labels; the labels follow the language switch, which a
    // phone shows behind the menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Português' }).click();
    await fillRegistration(page, customer);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Register' }).click();
    await heading(page, 'Registration complete');
    const protocol = (await page.getByTestId('protocol').textContent())?.trim();
    const stored = await spa.server.services.customers.getByCpf(customer.cpf);
    expect(protocol).toBe(protocolOf(stored!.customerId));
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    expect(await page.getByRole('link', { name: 'My documents' }).count()).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, 'the confirmation in English at 390 px');
    await keepScreenshot(page, 'registration-done-en');
    await page.getByRole('link', { name: 'Go to My account' }).click();
    await heading(page, 'My account');
    await page.context().close();
  });

  it('pt-BR on a desktop: Cancelar saves nothing, the data page reads and prints, the limit reads 10 MiB', async () => {
    const page = await openAt('pt-BR', 1280);
    const customer = newRegistration({ name: 'Lucia Fernandes' });
    await registerIn(page, spa.server, customer);

    await page.goto(`${spa.server.url}/minha-conta`);
    await heading(page, 'Minha conta');
    await page.getByRole('button', { name: 'Editar dados' }).click();
    await page.getByLabel('Nome completo').fill('Outro Nome Qualquer');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByRole('button', { name: 'Editar dados' }).waitFor();
    expect(await page.getByText('Dados atualizados.').count()).toBe(0);
    expect(await page.getByTestId('account-details').textContent()).toContain('Lucia Fernandes');

    await page.getByRole('link', { name: 'Ver meus dados' }).click();
    await heading(page, 'Meus dados');
    const record = await page.getByTestId('my-data-record').textContent();
    expect(record).toContain(formatCpf(customer.cpf));
    expect(record).toMatch(/CAD-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(record).toContain('não confirmado');
    expect(await page.getByTestId('my-data-consents').textContent()).toContain(
      'Termos de uso e aviso de privacidade',
    );
    await page
      .getByTestId('my-data-history')
      .getByRole('cell', { name: 'Cadastro feito', exact: true })
      .waitFor();
    // Printed, the page is the data alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimir' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await keepScreenshot(page, 'my-data');

    await page.goto(`${spa.server.url}/documentos`);
    await heading(page, 'Meus documentos');
    await page.getByText(/até 10 MiB\./).waitFor();
    await page.context().close();
  });
});
