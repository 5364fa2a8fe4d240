import { readFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { formatCpf } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { callerFor, TEST_OPERATOR } from '@cadastro/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spaUnderTest } from './chromium.ts';
import { fillRegistration, registrationForm } from './registration-form.ts';

const spa = spaUnderTest();

/** A fresh profile that fails the test on any Content-Security-Policy violation. */
async function newPage(): Promise<{ page: Page; cspViolations: string[] }> {
  const context = await spa.browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('the customer account in the browser', () => {
  it('register → sign out → sign in → edit → download my data → delete', async () => {
    const { page, cspViolations } = await newPage();
    const customer = newRegistration({ name: 'Lucia Fernandes' });
    await page.goto(spa.server.url);
    await heading(page, 'Crie seu cadastro');
    await fillRegistration(page, customer);
    await registrationForm(page).submit.click();
    await heading(page, 'Cadastro concluído');

    // Registration signed the customer in.
    await page.getByRole('button', { name: 'Sair' }).click();
    await heading(page, 'Entrar');
    expect(await page.getByRole('link', { name: 'Minha conta' }).count()).toBe(0);

    await page.getByLabel('CPF ou e-mail').fill(formatCpf(customer.cpf));
    await page.getByLabel('Senha', { exact: true }).fill('senha-errada-99');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').getByText('CPF, e-mail ou senha incorretos.').waitFor();
    await page.getByLabel('Senha', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await heading(page, 'Minha conta');
    const details = page.getByTestId('account-details');
    expect(await details.textContent()).toContain('Lucia Fernandes');
    expect(await details.textContent()).toContain(formatCpf(customer.cpf));

    await page.getByRole('button', { name: 'Editar dados' }).click();
    await page.getByLabel('Nome completo').fill('Lucia Fernandes Prado');
    await page.getByRole('button', { name: 'Salvar alterações' }).click();
    await page.getByText('Dados atualizados.').waitFor();
    expect(await details.textContent()).toContain('Lucia Fernandes Prado');

    const marketing = page.getByLabel(/Quero receber novidades/);
    /** Until the server's answer is shown: enabled again and in the expected state. */
    const settled = (checked: boolean) =>
      page.waitForFunction((expected) => {
        const box = document.querySelector<HTMLInputElement>('.consents input');
        return box && !box.disabled && box.checked === expected;
      }, checked);
    await marketing.click();
    await settled(true);
    await marketing.click();
    await settled(false);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Baixar meus dados' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('meus-dados-cadastro.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.customer).toMatchObject({
      name: 'Lucia Fernandes Prado',
      cpf: customer.cpf,
      email: customer.email,
    });
    expect(exported.history.map((e: { type: string }) => e.type)).toEqual([
      'consent_revoked',
      'consent_granted',
      'updated',
      'registered',
    ]);
    expect(exported.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['terms', 'marketing']);

    await page.getByRole('button', { name: 'Excluir minha conta' }).click();
    await page.getByLabel('Sua senha').fill(customer.password);
    await page.getByRole('button', { name: 'Excluir definitivamente' }).click();
    await heading(page, 'Crie seu cadastro');
    expect(await spa.server.services.customers.getByCpf(customer.cpf)).toBeNull();
    expect(await page.getByRole('button', { name: 'Sair' }).count()).toBe(0);

    expect(cspViolations).toEqual([]);
    await page.context().close();
  });

  it('an operator signs in to /admin, finds the customer by CPF, sees the history, manages keys and sees storage', async () => {
    const customer = newRegistration({ name: 'Roberto Teixeira' });
    const res = await fetch(`${spa.server.url}/trpc/customers.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(customer),
    });
    expect(res.status).toBe(200);
    // The customer has sent one document: the operator sees it on the customer's page.
    const customerId = ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
    const asCustomer = callerFor(spa.server, { role: 'customer', customerId });
    const bytes = new TextEncoder().encode('%PDF-1.7\n% a tiny document\n');
    const upload = await asCustomer.attachments.createUpload({
      kind: 'identity',
      fileName: 'rg-roberto.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }));
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    await asCustomer.attachments.confirm({ attachmentId: upload.attachmentId });

    const { page, cspViolations } = await newPage();
    await page.goto(`${spa.server.url}/admin`);
    await heading(page, 'Entrar na administração');
    await page.getByLabel('E-mail').fill(TEST_OPERATOR.email);
    await page.getByLabel('Senha').fill(TEST_OPERATOR.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await heading(page, 'Clientes');

    await page.getByLabel('Buscar por').selectOption('cpf');
    await page.getByLabel('Busca', { exact: true }).fill(formatCpf(customer.cpf));
    await page.getByRole('button', { name: 'Buscar' }).click();
    const row = page.getByRole('row', { name: /Roberto Teixeira/ });
    await row.waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // the header and the one customer
    await row.getByRole('link', { name: 'Roberto Teixeira' }).click();
    await heading(page, 'Roberto Teixeira');
    expect(await page.getByTestId('customer-details').textContent()).toContain(customer.email);
    await page.getByRole('cell', { name: 'Cadastro feito' }).waitFor();
    const document = page.getByTestId('attachment-row').filter({ hasText: 'rg-roberto.pdf' });
    await document.waitFor();
    expect(await document.textContent()).toContain('Disponível');

    await page.getByRole('link', { name: 'Chaves de API' }).click();
    await heading(page, 'Chaves de API');
    await page.getByLabel('Nome da chave').fill('ERP');
    await page.getByLabel(/^customers:lookup/).check();
    await page.getByRole('button', { name: 'Criar chave' }).click();
    expect(await page.getByTestId('new-api-key').textContent()).toMatch(/^cad\./);
    await page.getByRole('button', { name: 'Revogar a chave ERP' }).click();
    await page.getByRole('cell', { name: 'customers:lookup' }).waitFor();
    await page.getByRole('cell', { name: 'Revogada' }).waitFor();

    // Storage: one backup of 2 MiB in the bucket, whatever else the other tests left there.
    await spa.server.clients.s3.send(
      new PutObjectCommand({
        Bucket: spa.server.bucket,
        Key: 'backups/2026-11-25.json.gz',
        Body: Buffer.alloc(2 * 1024 * 1024, 1),
      }),
    );
    await page.getByRole('link', { name: 'Armazenamento' }).click();
    await heading(page, 'Armazenamento');
    const groups = page.getByRole('table', { name: 'Objetos por prefixo, classe de armazenamento e idade' });
    await groups.getByRole('row', { name: /backups\/ STANDARD menos de 30 dias 1 2 MiB/ }).waitFor();
    const totals = page.getByTestId('storage-totals');
    expect(await totals.getByRole('rowheader').textContent()).toBe('Total');
    expect(await totals.textContent()).toMatch(/\d+(,\d)? [KM]iB$/);
    const cost = page.getByRole('table', { name: 'Custo mensal estimado de armazenamento (USD/mês)' });
    await cost.getByRole('row', { name: /Sem as regras.*US\$/ }).waitFor();
    // The report's notes read in Portuguese, sizes in the one unit set.
    await page.getByText('Observações do relatório').click();
    const notes = (await page.getByTestId('storage-notes').textContent()) ?? '';
    expect(notes).toContain('Só as versões atuais');
    expect(notes).toContain('GLACIER e DEEP_ARCHIVE contam 40 KiB a mais por objeto');
    expect(notes).toMatch(
      /Objetos excluídos ou movidos antes de 90 dias em GLACIER_IR, 90 dias em GLACIER e 180 dias em DEEP_ARCHIVE/,
    );
    expect(notes).not.toMatch(/Current versions|billed|estimate/);
    // 100 days on, the backup's move to GLACIER is due.
    const later = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Projetar para o dia').fill(later);
    await page.getByRole('row', { name: /Já vencido .* Transição para GLACIER 1 2 MiB/ }).waitFor();

    expect(cspViolations).toEqual([]);
    await page.context().close();
  });
});
