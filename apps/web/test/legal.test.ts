import { TERMS_VERSION } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEGAL_TEXTS } from '../src/features/legal/texts.ts';
import { spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll } from './layout.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

const spa = spaUnderTest();

async function openAt(language: 'pt-BR' | 'en', width: number): Promise<Page> {
  const context = await spa.browser.newContext({ locale: language, viewport: { width, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return context.newPage();
}

describe('terms of use and privacy notice', () => {
  it('has the text of the version customers accept', () => {
    expect(LEGAL_TEXTS[TERMS_VERSION]).toBeDefined();
  });

  it('pt-BR: linked from the consent box; the version recorded is the one the pages show', async () => {
    const page = await openAt('pt-BR', 1280);
    await page.goto(spa.server.url);
    const consentBox = page.locator('.consent-links');
    const termsHref = await consentBox.getByRole('link', { name: 'Termos de uso' }).getAttribute('href');
    const privacyLink = consentBox.getByRole('link', { name: 'Aviso de privacidade' });
    expect(await privacyLink.getAttribute('target')).toBe('_blank');

    const customer = newRegistration();
    await fillRegistration(page, customer);
    await registrationForm(page).submit.click();
    await page.getByRole('heading', { level: 1, name: 'Cadastro concluído' }).waitFor();

    await page.goto(`${spa.server.url}${termsHref}`);
    await page.getByRole('heading', { level: 1, name: 'Termos de uso' }).waitFor();
    const shown = (await page.getByTestId('legal-version').textContent())?.trim();
    expect(await page.getByText(`Versão ${shown}, em vigor desde`).count()).toBe(1);
    const stored = await spa.server.services.customers.getByCpf(customer.cpf);
    expect(stored?.consent.termsVersion).toBe(shown);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Aviso de privacidade' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aviso de privacidade' }).waitFor();
    const text = await page.locator('article').textContent();
    for (const expected of ['Encarregado', 'art. 41', 'art. 9º', 'Por quanto tempo', 'O que coletamos']) {
      expect(text).toContain(expected);
    }
    await page.context().close();
  });

  it('English on a phone: the footer leads to both, readable at 390 px', async () => {
    const page = await openAt('en', 390);
    await page.goto(spa.server.url);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor();
    const text = await page.locator('article').textContent();
    for (const expected of ['Data protection officer', 'Art. 41', 'For how long', 'What we collect']) {
      expect(text).toContain(expected);
    }
    await expectNoSidewaysScroll(page, 'the privacy notice at 390 px');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Terms of use' }).click();
    await page.getByRole('heading', { level: 1, name: 'Terms of use' }).waitFor();
    await page.context().close();
  });
});
