import { newRegistration } from '@cadastro/contracts/testing';
import { callerFor } from '@cadastro/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spaUnderTest } from './chromium.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

/** Account erasure in the browser on s3rver, the S3 stand-in `pnpm start` runs. */
const spa = spaUnderTest({ s3: 's3rver' });

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

async function register(page: Page, customer: ReturnType<typeof newRegistration>) {
  await page.goto(spa.server.url);
  await heading(page, 'Crie seu cadastro');
  await fillRegistration(page, customer);
  await registrationForm(page).submit.click();
  await heading(page, 'Cadastro concluído');
}

/** A document sent through the API, as the documents page would (the upload UI has its own test). */
async function sendDocument(customerId: string) {
  const me = callerFor(spa.server, { role: 'customer', customerId });
  const upload = await me.attachments.createUpload({
    kind: 'identity',
    fileName: 'rg.pdf',
    contentType: 'application/pdf',
    size: 16,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob(['%PDF-1.7 sixteen'], { type: 'application/pdf' }), 'file');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  await me.attachments.confirm({ attachmentId: upload.attachmentId });
}

describe('erasure in the browser on the local default (s3rver)', () => {
  it.each([
    ['with a document', true],
    ['without documents', false],
  ])('a customer %s deletes their account and registers again with the same CPF', async (_, withDocument) => {
    const context = await spa.browser.newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    const customer = newRegistration();
    await register(page, customer);
    const registered = await spa.server.services.customers.getByCpf(customer.cpf);
    if (withDocument) await sendDocument(registered!.customerId);

    // The header's link (the registration page's next steps name Minha conta too).
    await page.getByRole('banner').getByRole('link', { name: 'Minha conta' }).click();
    await heading(page, 'Minha conta');
    await page.getByRole('button', { name: 'Excluir minha conta' }).click();
    await page.getByLabel('Sua senha').fill(customer.password);
    await page.getByRole('button', { name: 'Excluir definitivamente' }).click();
    await heading(page, 'Crie seu cadastro');
    expect(await spa.server.services.customers.getByCpf(customer.cpf)).toBeNull();
    expect(await spa.server.services.erasures.status(registered!.customerId)).toBe('erased');

    await register(page, { ...newRegistration(), cpf: customer.cpf });
    const again = await spa.server.services.customers.getByCpf(customer.cpf);
    expect(again?.customerId).not.toBe(registered!.customerId);
    await context.close();
  });
});
