import { newRegistration, TEST_PASSWORD } from '@cadastro/contracts/testing';
import { TEST_OPERATOR } from '@cadastro/server/testing';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll, keepScreenshot, WIDTHS } from './layout.ts';
import { expectNoPersonalDataInUrls } from './request-urls.ts';

// Production's settings: the bootstrapped admin changes its password and enrols an authenticator first.
const spa = spaUnderTest({ adminTotp: 'required', firstSignInChange: true });

/** The authenticator app: RFC 6238 codes of the secret the page shows, `ahead` 30-second steps from now. */
const codeOf = (secret: string, ahead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + ahead * 30_000 });

const customer = newRegistration({ name: 'Rosa Helena Quintanilha Prado' });
const support = { name: 'Sônia Suporte', email: 'sonia.suporte@example.com' };
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel('Senha atual').fill(current);
  await page.getByLabel('Nova senha').fill(next);
  await page.getByRole('button', { name: 'Trocar a senha' }).click();
  await page.getByText('Senha trocada.').waitFor();
}

/** Enrols an authenticator as a person does: reads the key under the QR code, types the app's code. */
async function enrolAuthenticator(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Cadastrar um autenticador' }).click();
  await page.getByRole('img', { name: 'QR code para o aplicativo autenticador' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Código do autenticador').fill(codeOf(secret));
  await page.getByRole('button', { name: 'Confirmar o código' }).click();
  await page.getByText('Autenticador cadastrado.').waitFor();
  return secret;
}

async function fitsEveryWidth(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 760 : 900 });
    await expectNoSidewaysScroll(page, `${name} at ${width} px`);
    await keepScreenshot(page, `flow-${name}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a team in /admin', () => {
  it('an admin invites a support operator, who corrects a customer; the customer sees that access', async () => {
    const registered = await fetch(`${spa.server.url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(customer),
    });
    expect(registered.status).toBe(200);

    // The first admin: bootstrapped password, changed at first sign-in; then the authenticator.
    const adminContext = await spa.browser.newContext({
      locale: 'pt-BR',
      viewport: { width: 1280, height: 900 },
    });
    const admin = await adminContext.newPage();
    await admin.goto(`${spa.server.url}/admin`);
    await admin.getByLabel('E-mail').fill(TEST_OPERATOR.email);
    await admin.getByLabel('Senha').fill(TEST_OPERATOR.password);
    await admin.getByRole('button', { name: 'Entrar' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Minha conta' }).waitFor();
    await admin.getByText('Escolha uma nova senha antes de continuar.').waitFor();
    expect(await admin.getByRole('link', { name: 'Clientes' }).count()).toBe(0);
    await changePassword(admin, TEST_OPERATOR.password, 'admin-nova-senha-2026');
    await admin.getByText('Cadastre um aplicativo autenticador antes de continuar.').waitFor();
    await enrolAuthenticator(admin);
    await fitsEveryWidth(admin, 'admin-own-account');

    // The invitation: a link shown once.
    await admin.getByRole('link', { name: 'Equipe' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Equipe' }).waitFor();
    await admin.getByLabel('Nome', { exact: true }).fill(support.name);
    await admin.getByLabel('E-mail', { exact: true }).fill(support.email);
    await admin.getByLabel('Papel', { exact: true }).selectOption('support');
    await admin.getByRole('button', { name: 'Criar convite' }).click();
    const link = (await admin.getByTestId('operator-link').textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${spa.server.url}/admin/convite#`));
    const row = admin.getByTestId('team').getByRole('row', { name: new RegExp(support.name) });
    await row.getByText('Convidada').waitFor();
    expect(await row.getByRole('combobox').inputValue()).toBe('support');
    await fitsEveryWidth(admin, 'admin-team');

    // The support operator: chooses a password through the link, changes it, enrols an authenticator.
    const supportContext = await spa.browser.newContext({
      locale: 'pt-BR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await supportContext.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Escolha sua senha' }).waitFor();
    await page.getByLabel('Nova senha').fill('suporte-senha-2026');
    await page.getByRole('button', { name: 'Salvar senha e entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Minha conta' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await changePassword(page, 'suporte-senha-2026', 'suporte-nova-2026');
    const secret = await enrolAuthenticator(page);
    // Support sees customers but neither the team, keys nor backups.
    const nav = page.getByRole('navigation', { name: 'Administração' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Clientes', 'Minha conta']);

    // Signs in again: the code field appears when the server asks for it.
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByRole('heading', { level: 1, name: /administração/i }).waitFor();
    await page.getByLabel('E-mail').fill(support.email);
    await page.getByLabel('Senha').fill('suporte-nova-2026');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Digite o código de 6 dígitos do seu aplicativo autenticador.').waitFor();
    // The code of the next step: the enrolment used the current one, and each step works once.
    await page.getByLabel('Código do autenticador').fill(codeOf(secret, 1));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();

    // An invalid CPF marks the field; the "Buscar" button stays inside its card.
    await page.getByLabel('Buscar por').selectOption('cpf');
    await page.getByLabel('Busca', { exact: true }).fill('123.456.789-00');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('CPF inválido. Confira os 11 números.').waitFor();
    expect(await page.getByLabel('Busca', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    const card = await page.locator('section.card').first().boundingBox();
    const button = await page.getByRole('button', { name: 'Buscar' }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(card!.x + card!.width);

    // A surname finds the customer; the operator corrects the name.
    await page.getByLabel('Buscar por').selectOption('name');
    await page.getByLabel('Busca', { exact: true }).fill('quintan');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('link', { name: customer.name }).click();
    await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    await page.getByRole('button', { name: 'Corrigir dados' }).click();
    await page.getByLabel('Nome completo').fill('Rosa Helena Quintanilha Pradoo');
    await page.getByRole('button', { name: 'Salvar alterações' }).click();
    await page.getByText('Dados do cliente atualizados.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rosa Helena Quintanilha Pradoo' }).waitFor();
    // The history in words and local dates.
    const history = page.getByTestId('customer-history');
    await history.getByText('Dados alterados: nome').waitFor();
    await history.getByText('Sônia Suporte (equipe)').waitFor();
    await history.getByText('Cadastro feito').waitFor();
    const historyText = (await history.textContent()) ?? '';
    expect(historyText).not.toMatch(ISO_DATE);
    expect(historyText).not.toMatch(/registered|updated|consent_granted|customer [0-9a-f]{8}/);
    // Delete asks first; cancelled, nothing happens.
    await page.getByRole('button', { name: 'Excluir cliente' }).click();
    await page.getByText(/Não há como desfazer/).waitFor();
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await fitsEveryWidth(page, 'admin-customer-edited');

    // The auditor's view of the same reads (admins see it too).
    await admin.getByRole('link', { name: 'Registro de acessos' }).click();
    const record = admin.getByTestId('access-record');
    await record.getByRole('row', { name: /Sônia Suporte, da equipe.*Corrigiu dados do cadastro/ }).waitFor();
    expect((await record.textContent()) ?? '').not.toMatch(ISO_DATE);
    await fitsEveryWidth(admin, 'admin-access-record');

    // The customer sees who accessed their data, in words.
    const customerContext = await spa.browser.newContext({
      locale: 'pt-BR',
      viewport: { width: 390, height: 760 },
    });
    const own = await customerContext.newPage();
    await own.goto(`${spa.server.url}/entrar`);
    await own.getByLabel('CPF ou e-mail').fill(customer.cpf);
    await own.getByLabel('Senha').fill(TEST_PASSWORD);
    await own.getByRole('button', { name: 'Entrar' }).click();
    await own.getByRole('heading', { level: 1, name: 'Minha conta' }).waitFor();
    await own.getByRole('link', { name: 'Quem acessou meus dados' }).click();
    await own.getByRole('heading', { level: 1, name: 'Quem acessou meus dados' }).waitFor();
    const accesses = own.getByTestId('access-record');
    await accesses.getByText('Corrigiu dados do cadastro').waitFor();
    await accesses.getByText('Encontrou o cadastro em uma busca').first().waitFor();
    await accesses.getByText('Sônia Suporte, da equipe').first().waitFor();
    expect((await accesses.textContent()) ?? '').not.toMatch(ISO_DATE);
    await fitsEveryWidth(own, 'access-log');
    // In English too.
    await own.getByRole('button', { name: 'English' }).click();
    await own.getByRole('heading', { level: 1, name: 'Who accessed my data' }).waitFor();
    await accesses.getByText('Corrected the record').waitFor();

    expectNoPersonalDataInUrls(spa.requestUrls, [customer, support, { email: TEST_OPERATOR.email }]);
    await Promise.all([adminContext.close(), supportContext.close(), customerContext.close()]);
  });
});
