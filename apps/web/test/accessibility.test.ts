import { createRequire } from 'node:module';
import type { RegisterInput } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { TEST_OPERATOR } from '@cadastro/server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerIn, spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll } from './layout.ts';

const spa = spaUnderTest();

/** axe-core (pinned in package.json), injected into the real page as a script. */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A phone and a desktop. */
const WIDTHS = [390, 1280] as const;

type Language = 'pt-BR' | 'en';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe's default rule set (WCAG 2.x A and AA plus its best practices) on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (found as AxeViolation[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** A context in `language` (the remembered choice the language switch writes), at phone width. */
async function contextIn(language: Language): Promise<BrowserContext> {
  // bypassCSP lets the injected axe script run; the app's own compliance with the CSP is checked in account.test.ts.
  const context = await spa.browser.newContext({
    locale: 'pt-BR',
    viewport: { width: 390, height: 844 },
    bypassCSP: true,
  });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return context;
}

/**
 * Opens `path` (unless `here`: the page is already showing), waits for its heading in the chosen language, and
 * runs axe at a phone's and a desktop's width; the page must not scroll sideways either (responsive.test.ts checks
 * Portuguese down to 320 px, this also English).
 */
async function check(page: Page, language: Language, path: string, here = false): Promise<void> {
  if (!here) await page.goto(`${spa.server.url}${path}`);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await page.locator('h1').first().waitFor();
  // A prerendered page holds a placeholder where its form goes until the app runs: check the running page.
  await page.waitForFunction(() => !document.querySelector('.form-placeholder'));
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    expect(await violations(page), `${path} in ${language} at ${width} px`).toEqual([]);
    await expectNoSidewaysScroll(page, `${path} in ${language} at ${width} px`);
  }
}

/** Registers through the form in whichever language it shows (its fields found by name). */
async function register(page: Page, r: RegisterInput): Promise<void> {
  const field = (name: string) => page.locator(`form [name="${name}"]`);
  await field('name').fill(r.name);
  await field('cpf').pressSequentially(r.cpf.replace(/\D/g, ''));
  await field('birthDate').pressSequentially(r.birthDate.split('-').reverse().join(''));
  await field('email').fill(r.email);
  await field('phone').pressSequentially(r.phone.replace(/\D/g, ''));
  await field('address.cep').pressSequentially(r.address.cep.replace(/\D/g, ''));
  await field('address.street').fill(r.address.street);
  await field('address.number').fill(r.address.number);
  await field('address.district').fill(r.address.district);
  await field('address.city').fill(r.address.city);
  await field('address.uf').selectOption(r.address.uf);
  await field('password').fill(r.password);
  await field('consent.accepted').check();
  await page.locator('form button[type="submit"]').click();
}

describe.each(['pt-BR', 'en'] as const)(
  'axe finds no violation and nothing sticks out (%s, 390 and 1280 px)',
  (language) => {
    it('on the customer pages, signed out and signed in', async () => {
      const context = await contextIn(language);
      const page = await context.newPage();
      // The check can fail: an image without a text alternative is found.
      await page.goto(spa.server.url);
      // The registration form appears once the app runs (the rest of the page is prerendered).
      await page.locator('main form button[type="submit"]').waitFor();
      await page.evaluate(() => document.querySelector('main')?.append(document.createElement('img')));
      expect((await violations(page)).join('\n')).toMatch(/^image-alt/m);
      for (const path of ['/', '/entrar', '/esqueci-minha-senha', '/termos', '/privacidade', '/nao-existe']) {
        await check(page, language, path);
      }
      // A link whose token is not valid: the page with its error.
      await check(page, language, '/redefinir-senha#x.y');
      await check(page, language, '/confirmar-email#x.y');
      await page.locator('[role="alert"]').first().waitFor();

      // Registered the way a person does it; the confirmation page and then the account's pages.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(spa.server.url);
      await register(page, newRegistration());
      await page.waitForURL('**/cadastro/concluido');
      await check(page, language, '/cadastro/concluido', true);
      await check(page, language, '/minha-conta');
      await page.getByTestId('account-details').waitFor();
      await check(page, language, '/minha-conta', true);
      await check(page, language, '/minha-conta/meus-dados');
      await check(page, language, '/minha-conta/acessos');
      await check(page, language, '/documentos');
      await context.close();
    });

    it('on the operator pages', async () => {
      const context = await contextIn(language);
      const page = await context.newPage();
      const customerId = await registerIn(page, spa.server);
      await context.clearCookies();

      await check(page, language, '/admin/entrar');
      await page.locator('input[type="email"], input[name="email"]').first().fill(TEST_OPERATOR.email);
      await page.locator('input[type="password"]').fill(TEST_OPERATOR.password);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((url) => url.pathname === '/admin');
      for (const path of [
        '/admin',
        `/admin/clientes/${customerId}`,
        '/admin/chaves',
        '/admin/backups',
        '/admin/armazenamento',
        '/admin/equipe',
        '/admin/acessos',
        '/admin/minha-conta',
      ]) {
        await check(page, language, path);
      }
      await context.close();
    });
  },
);
