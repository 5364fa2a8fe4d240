import { formatCpf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { TEST_OPERATOR } from '@cadastro/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerIn, spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll, keepScreenshot, WIDTHS } from './layout.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

const spa = spaUnderTest();

/** Values longer than any layout expects: they must wrap, never widen the page. */
const customer = newRegistration({
  name: 'Maria Aparecida Conceição dos Santos Albuquerque de Oliveira',
  email: `maria.aparecida.conceicao.dos.santos.${Date.now()}@provedor-de-email-muito-longo.com.br`,
  address: {
    cep: '01310-100',
    street: 'Avenida Brigadeiro Luís Antônio de Souza Queiroz Filho',
    number: '1578',
    complement: 'Bloco B, apartamento 1203, entrada pela rua lateral',
    district: 'Jardim Paulista Residencial das Palmeiras',
    city: 'São Paulo',
    uf: 'SP',
  },
});

interface Visit {
  name: string;
  path: string;
  heading: string | RegExp;
}

/** Visits each page at every width: no sideways scroll, a screenshot kept. */
async function visitAtEveryWidth(page: Page, visits: Visit[]) {
  for (const visit of visits) {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 600 ? 760 : 900 });
      if (page.url() !== `${spa.server.url}${visit.path}`) await page.goto(`${spa.server.url}${visit.path}`);
      await page.getByRole('heading', { level: 1, name: visit.heading }).waitFor();
      await expectNoSidewaysScroll(page, `${visit.path} at ${width} px`);
      await keepScreenshot(page, visit.name);
    }
  }
}

describe('every page from 320 px up, without sideways scrolling', () => {
  it('customer pages: registration, confirmation, sign-in, Minha conta, documents, who accessed my data, not found', async () => {
    const context = await spa.browser.newContext({ locale: 'pt-BR', viewport: { width: 320, height: 760 } });
    const page = await context.newPage();
    await visitAtEveryWidth(page, [
      { name: 'register', path: '/', heading: 'Crie seu cadastro' },
      { name: 'sign-in', path: '/entrar', heading: 'Entrar' },
      { name: 'forgot-password', path: '/esqueci-minha-senha', heading: 'Esqueci minha senha' },
      { name: 'terms', path: '/termos', heading: 'Termos de uso' },
      { name: 'privacy', path: '/privacidade', heading: 'Aviso de privacidade' },
      { name: 'not-found', path: '/nao-existe', heading: 'Página não encontrada' },
    ]);

    // Registered on the smallest phone, the way a person does it.
    await page.setViewportSize({ width: 320, height: 760 });
    await page.goto(spa.server.url);
    await fillRegistration(page, customer);
    await expectNoSidewaysScroll(page, 'the filled registration form at 320 px');
    await registrationForm(page).submit.click();
    await page.getByRole('heading', { level: 1, name: 'Cadastro concluído' }).waitFor();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 760 });
      await expectNoSidewaysScroll(page, `the confirmation at ${width} px`);
      await keepScreenshot(page, 'registration-done');
    }

    // A document in the list, so its row (name, state, Download, Remove) must fit too.
    await page.goto(`${spa.server.url}/documentos`);
    await page.getByLabel('Tipo de documento').selectOption('proof_of_address');
    await page.getByTestId('file-input').setInputFiles({
      name: 'comprovante-de-residencia-conta-de-luz-marco-2026-enel-sao-paulo.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n% a small test document\n'),
    });
    await page.getByTestId('attachment-row').waitFor({ timeout: 30_000 });

    await visitAtEveryWidth(page, [
      { name: 'account', path: '/minha-conta', heading: 'Minha conta' },
      { name: 'documents', path: '/documentos', heading: 'Meus documentos' },
      { name: 'my-data', path: '/minha-conta/meus-dados', heading: 'Meus dados' },
      { name: 'access-log', path: '/minha-conta/acessos', heading: 'Quem acessou meus dados' },
    ]);
    // Long values are shown whole, wrapped.
    await page.goto(`${spa.server.url}/minha-conta`);
    await page.setViewportSize({ width: 320, height: 760 });
    const details = page.getByTestId('account-details');
    expect(await details.textContent()).toContain(customer.email);
    expect(await details.textContent()).toContain(formatCpf(customer.cpf));

    // On a phone the header folds its links into a menu; opened, it still fits.
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    await expectNoSidewaysScroll(page, 'the open menu at 320 px');
    await keepScreenshot(page, 'menu-open');
    // Following a link closes it again.
    await page.getByRole('link', { name: 'Meus documentos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meus documentos' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // On a desktop there is no menu button: the links are in the header.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await menu.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(true);
    await context.close();
  });

  it('operator pages: sign-in, customers, a customer, API keys, backups, storage, team, access record, own account', async () => {
    const context = await spa.browser.newContext({ locale: 'pt-BR', viewport: { width: 320, height: 760 } });
    const page = await context.newPage();
    // Someone to list and open, with long values.
    const customerId = await registerIn(
      page,
      spa.server,
      newRegistration({ name: customer.name, email: `op.${customer.email}`, address: customer.address }),
    );
    await context.clearCookies();

    await visitAtEveryWidth(page, [
      { name: 'admin-sign-in', path: '/admin/entrar', heading: /administração/i },
    ]);
    await page.getByLabel('E-mail').fill(TEST_OPERATOR.email);
    await page.getByLabel('Senha').fill(TEST_OPERATOR.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    // An API key in the list, and a backup: every table has a row to fit.
    await page.goto(`${spa.server.url}/admin/chaves`);
    await page.getByLabel('Nome da chave').fill('sistema-de-faturamento-integracao-noturna');
    await page.getByLabel(/^customers:lookup/).check();
    await page.getByRole('button', { name: 'Criar chave' }).click();
    await page.getByTestId('new-api-key').waitFor();
    await page.goto(`${spa.server.url}/admin/backups`);
    await page.getByRole('button', { name: 'Fazer backup agora' }).click();
    await page.getByTestId('backups-table').getByText('Concluído').first().waitFor({ timeout: 60_000 });

    await visitAtEveryWidth(page, [
      { name: 'admin-customers', path: '/admin', heading: 'Clientes' },
      { name: 'admin-customer', path: `/admin/clientes/${customerId}`, heading: customer.name },
      { name: 'admin-api-keys', path: '/admin/chaves', heading: /Chaves de API/ },
      { name: 'admin-backups', path: '/admin/backups', heading: 'Backups' },
      { name: 'admin-storage', path: '/admin/armazenamento', heading: /Armazenamento/ },
      { name: 'admin-team', path: '/admin/equipe', heading: 'Equipe' },
      { name: 'admin-access-record', path: '/admin/acessos', heading: 'Registro de acessos' },
      { name: 'admin-own-account', path: '/admin/minha-conta', heading: 'Minha conta' },
    ]);
    await context.close();
  });
});
