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

  // Portuguese on a desktop is the test above; the footer's way in is checked in each other language and width.
  const footerCases = {
    'pt-BR': {
      privacy: 'Aviso de privacidade',
      terms: 'Termos de uso',
      sections: ['Encarregado', 'art. 41', 'art. 9º', 'Por quanto tempo', 'O que coletamos'],
    },
    en: {
      privacy: 'Privacy notice',
      terms: 'Terms of use',
      sections: ['Data protection officer', 'Art. 41', 'For how long', 'What we collect'],
    },
  };
  it.each([
    { language: 'en' as const, width: 390 },
    { language: 'pt-BR' as const, width: 390 },
    { language: 'en' as const, width: 1280 },
  ])(
    '$language at $width px: the footer leads to both, readable without sideways scrolling',
    async ({ language, width }) => {
      const texts = footerCases[language];
      const page = await openAt(language, width);
      await page.goto(spa.server.url);
      await page.getByRole('contentinfo').getByRole('link', { name: texts.privacy }).click();
      await page.getByRole('heading', { level: 1, name: texts.privacy }).waitFor();
      const text = await page.locator('article').textContent();
      for (const expected of texts.sections) expect(text).toContain(expected);
      await expectNoSidewaysScroll(page, `the privacy notice in ${language} at ${width} px`);
      await page.getByRole('contentinfo').getByRole('link', { name: texts.terms }).click();
      await page.getByRole('heading', { level: 1, name: texts.terms }).waitFor();
      await expectNoSidewaysScroll(page, `the terms in ${language} at ${width} px`);
      await page.context().close();
    },
  );
});
