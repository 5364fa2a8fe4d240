import { formatCpf, protocolOf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accountAreaEn, accountAreaPtBR } from '../src/features/account/i18n.ts';
import { attachmentsEn, attachmentsPtBR } from '../src/features/attachments/i18n.ts';
import { historyEn, historyPtBR } from '../src/features/history/i18n.ts';
import { en } from '../src/i18n/en.ts';
import { ptBR } from '../src/i18n/pt-BR.ts';
import { registerIn, spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll, keepScreenshot } from './layout.ts';
import { fillRegistration } from './registration-form.ts';

const spa = spaUnderTest();

type Language = 'pt-BR' | 'en';
/** The texts the pages show in each language, from the SPA's own resources. */
const TEXTS = {
  'pt-BR': {
    app: ptBR,
    area: accountAreaPtBR.myData,
    history: historyPtBR.history,
    documents: attachmentsPtBR,
  },
  en: { app: en, area: accountAreaEn.myData, history: historyEn.history, documents: attachmentsEn },
};
const PHONE = 390;
const DESKTOP = 1280;

async function openAt(language: Language, width: number): Promise<Page> {
  const context = await spa.browser.newContext({ locale: language, viewport: { width, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return context.newPage();
}

/** Clicks the language switch, which a phone shows behind the menu. */
async function chooseLanguage(page: Page, name: 'Português' | 'English', menu?: string): Promise<void> {
  if (menu && (page.viewportSize()?.width ?? DESKTOP) < 640) {
    const toggle = page.getByRole('button', { name: menu });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await page.getByRole('button', { name }).click();
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('after registering', () => {
  // Each language at each width across the two tests: the confirmation in English on a phone and in Portuguese on
  // a desktop, Minha conta the other way round.
  it.each([
    { language: 'en' as const, width: PHONE },
    { language: 'pt-BR' as const, width: DESKTOP },
  ])('$language at $width px: a short protocol and the next steps', async ({ language, width }) => {
    const T = TEXTS[language];
    const page = await openAt(language, width);
    const customer = newRegistration({ name: 'Joana Prado' });
    await page.goto(spa.server.url);
    // The helper finds the form by its Portuguese labels; the labels follow the language switch.
    if (language !== 'pt-BR') await chooseLanguage(page, 'Português', T.app.nav.menu);
    await fillRegistration(page, customer);
    if (language !== 'pt-BR') await chooseLanguage(page, 'English', ptBR.nav.menu);
    await page.getByRole('button', { name: T.app.register.submit }).click();
    await heading(page, T.app.done.title);
    const protocol = (await page.getByTestId('protocol').textContent())?.trim();
    const stored = await spa.server.services.customers.getByCpf(customer.cpf);
    expect(protocol).toBe(protocolOf(stored!.customerId));
    await page.getByRole('heading', { name: T.app.done.next }).waitFor();
    expect(await page.getByRole('link', { name: T.app.nav.documents }).count()).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, `the confirmation in ${language} at ${width} px`);
    await keepScreenshot(page, `registration-done-${language}`);
    await page.getByRole('link', { name: T.app.done.toAccount }).click();
    await heading(page, T.app.account.title);
    await page.context().close();
  });

  it.each([
    { language: 'pt-BR' as const, width: PHONE },
    { language: 'en' as const, width: DESKTOP },
  ])(
    '$language at $width px: Cancel saves nothing, the data page reads and prints, the limit reads 10 MiB',
    async ({ language, width }) => {
      const T = TEXTS[language];
      const page = await openAt(language, width);
      const customer = newRegistration({ name: 'Lucia Fernandes' });
      await registerIn(page, spa.server, customer);

      await page.goto(`${spa.server.url}/minha-conta`);
      await heading(page, T.app.account.title);
      await page.getByRole('button', { name: T.app.account.edit }).click();
      await page.getByLabel(T.app.register.fields.name).fill('Outro Nome Qualquer');
      await page.getByRole('button', { name: T.app.account.cancel }).click();
      await page.getByRole('button', { name: T.app.account.edit }).waitFor();
      expect(await page.getByText(T.app.account.saved).count()).toBe(0);
      expect(await page.getByTestId('account-details').textContent()).toContain('Lucia Fernandes');

      await page.getByRole('link', { name: T.area.view }).click();
      await heading(page, T.area.title);
      const record = await page.getByTestId('my-data-record').textContent();
      expect(record).toContain(formatCpf(customer.cpf));
      expect(record).toMatch(/CAD-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      expect(record).toContain(T.area.unconfirmed);
      expect(await page.getByTestId('my-data-consents').textContent()).toContain(T.area.purposes.terms);
      // By its text: on a phone the history table is stacked rows, without the table's roles.
      await page
        .getByTestId('my-data-history')
        .getByText(T.history.events.registered, { exact: true })
        .waitFor();
      await expectNoSidewaysScroll(page, `Meus dados in ${language} at ${width} px`);
      // Printed, the page is the data alone.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: T.area.print }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await keepScreenshot(page, `my-data-${language}`);

      await page.goto(`${spa.server.url}/documentos`);
      await heading(page, T.documents.title);
      await page.getByText(T.documents.intro.replace('{{maxSize}}', '10 MiB')).waitFor();
      await page.context().close();
    },
  );
});
