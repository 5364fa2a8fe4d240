import { newRegistration } from '@cadastro/contracts/testing';
import { readOutbox, type SentMail } from '@cadastro/server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerIn, spaUnderTest } from './chromium.ts';
import { expectNoSidewaysScroll } from './layout.ts';

// E-mail goes to DATA_DIR/outbox as on the local default: the browser follows the link from the .eml file.
const spa = spaUnderTest({ mail: 'outbox' });

/** The newest message to `address` in the outbox whose subject matches (it is written after the answer). */
async function outboxMail(address: string, subject: RegExp): Promise<SentMail> {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = readOutbox(spa.server.outbox)
      .filter((m) => m.to.includes(address) && subject.test(m.subject))
      .at(-1);
    if (found) return found;
    if (Date.now() > until) throw new Error(`No e-mail to ${address} matching ${subject} in the outbox`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const linkTo = (mail: SentMail, path: string) => {
  const link = mail.text.match(new RegExp(`https?://\\S+${path}#\\S+`))?.[0];
  if (!link) throw new Error(`No ${path} link in: ${mail.text}`);
  return link;
};

/** A browser profile in a language, at a width, that may already hold a registered customer's session. */
async function browserAt(
  language: 'pt-BR' | 'en',
  width: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await spa.browser.newContext({ locale: language, viewport: { width, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('cadastro.language', lang), language);
  return { context, page: await context.newPage() };
}

/** A customer registered and signed in within `page`'s browser. */
async function registeredIn(page: Page) {
  const customer = newRegistration();
  await registerIn(page, spa.server, customer);
  return customer;
}

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

describe('password recovery and e-mail confirmation in the browser', () => {
  it('pt-BR on a phone: Esqueci minha senha → link from the outbox → new password; other sessions end', async () => {
    const registered = await browserAt('pt-BR', 1280);
    const customer = await registeredIn(registered.page); // this profile keeps the registration's session

    const { context, page } = await browserAt('pt-BR', 390);
    await page.goto(`${spa.server.url}/entrar`);
    await page.getByRole('link', { name: 'Esqueci minha senha' }).click();
    await heading(page, 'Esqueci minha senha');
    await page.getByLabel('CPF ou e-mail').fill(customer.cpf);
    await page.getByRole('button', { name: 'Enviar link' }).click();
    await page
      .getByRole('status')
      .getByText(/Se houver um cadastro com esse CPF ou e-mail/)
      .waitFor();
    await expectNoSidewaysScroll(page, 'recovery at 390 px');

    // An unknown login gets the very same answer.
    await page.getByLabel('CPF ou e-mail').fill('ninguem@example.com');
    await page.getByRole('button', { name: 'Enviar link' }).click();
    await page
      .getByRole('status')
      .getByText(/Se houver um cadastro com esse CPF ou e-mail/)
      .waitFor();

    const mail = await outboxMail(customer.email, /Redefinição de senha/);
    expect(mail.text).toContain('30 minutos');
    await page.goto(linkTo(mail, '/redefinir-senha'));
    await heading(page, 'Criar nova senha');
    await page.getByLabel('Nova senha').fill('curta');
    await page.getByRole('button', { name: 'Salvar nova senha' }).click();
    expect(await page.getByLabel('Nova senha').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Nova senha').fill('minha-senha-nova-2026');
    await page.getByRole('button', { name: 'Salvar nova senha' }).click();
    await page.getByText('Senha alterada. Você já está conectado.').waitFor();
    await page.getByRole('link', { name: 'Ir para Minha conta' }).click();
    await heading(page, 'Minha conta');

    // The session the registration started is over.
    await registered.page.goto(`${spa.server.url}/minha-conta`);
    await heading(registered.page, 'Entrar');
    await outboxMail(customer.email, /Sua senha foi alterada/);

    // The link worked once.
    await page.goto(linkTo(mail, '/redefinir-senha'));
    await page.getByLabel('Nova senha').fill('outra-senha-nova-2026');
    await page.getByRole('button', { name: 'Salvar nova senha' }).click();
    await page.getByRole('alert').getByText('Este link expirou ou já foi usado. Peça um novo.').waitFor();
    await context.close();
    await registered.context.close();
  });

  it('English on a desktop: the confirmation link from the outbox confirms the address once', async () => {
    const { context, page } = await browserAt('en', 1280);
    const customer = await registeredIn(page);
    await page.goto(`${spa.server.url}/minha-conta`);
    await heading(page, 'My account');
    await page
      .getByTestId('email-unconfirmed')
      .getByText(/not confirmed yet/)
      .waitFor();
    await page.getByRole('button', { name: 'Send the confirmation link again' }).click();
    await page.getByText('We sent a new confirmation link to your e-mail.').waitFor();

    const mail = await outboxMail(customer.email, /Confirm your e-mail/);
    expect(mail.text).toContain('Confirme que este endereço é seu');
    await page.goto(linkTo(mail, '/confirmar-email'));
    await page.getByText('E-mail confirmed. Thank you!').waitFor();
    await page.getByRole('link', { name: 'Go to My account' }).click();
    await heading(page, 'My account');
    expect(await page.getByTestId('email-unconfirmed').count()).toBe(0);

    await page.goto(linkTo(mail, '/confirmar-email'));
    await page
      .getByRole('alert')
      .getByText('This link has expired or was already used. Ask for a new one.')
      .waitFor();
    // A broken link says so without asking the server.
    await page.goto(`${spa.server.url}/redefinir-senha#nada`);
    await page
      .getByRole('alert')
      .getByText(/This link is incomplete/)
      .waitFor();
    await context.close();
  });

  // The other language at the other width, so each flow runs in both languages, on a phone and on a desktop.
  it('English on a desktop: Forgot my password → link from the outbox → new password', async () => {
    const { context, page } = await browserAt('en', 1280);
    const customer = await registeredIn(page);
    await context.clearCookies();
    await page.goto(`${spa.server.url}/entrar`);
    await page.getByRole('link', { name: 'Forgot my password' }).click();
    await heading(page, 'Forgot my password');
    await page.getByLabel('CPF or e-mail').fill(customer.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page
      .getByRole('status')
      .getByText(/If a registration has that CPF or e-mail/)
      .waitFor();
    await expectNoSidewaysScroll(page, 'recovery at 1280 px');

    const mail = await outboxMail(customer.email, /Password reset/);
    await page.goto(linkTo(mail, '/redefinir-senha'));
    await heading(page, 'Create a new password');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save new password' }).click();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('New password').fill('my-new-password-2026');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByText('Password changed. You are signed in.').waitFor();
    await page.getByRole('link', { name: 'Go to My account' }).click();
    await heading(page, 'My account');
    await outboxMail(customer.email, /Your password was changed/);
    await context.close();
  });

  it('pt-BR on a phone: the confirmation link from the outbox confirms the address', async () => {
    const { context, page } = await browserAt('pt-BR', 390);
    const customer = await registeredIn(page);
    await page.goto(`${spa.server.url}/minha-conta`);
    await heading(page, 'Minha conta');
    await page
      .getByTestId('email-unconfirmed')
      .getByText(/ainda não foi confirmado/)
      .waitFor();
    await expectNoSidewaysScroll(page, 'the e-mail reminder at 390 px');
    const mail = await outboxMail(customer.email, /Confirme seu e-mail/);
    await page.goto(linkTo(mail, '/confirmar-email'));
    await page.getByText('E-mail confirmado. Obrigado!').waitFor();
    await page.getByRole('link', { name: 'Ir para Minha conta' }).click();
    await heading(page, 'Minha conta');
    expect(await page.getByTestId('email-unconfirmed').count()).toBe(0);
    await context.close();
  });
});
