import { newRegistration } from '@cadastro/contracts/testing';
import { TEST_OPERATOR } from '@cadastro/server/testing';
import { describe, expect, it } from 'vitest';
import { spaUnderTest } from './chromium.ts';

const spa = spaUnderTest();

describe('the Backups page in /admin', () => {
  it('backs up with live progress over SSE, lists the backup and verifies it', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${spa.server.url}/trpc/customers.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(newRegistration()),
      });
      expect(res.status).toBe(200);
    }
    const context = await spa.browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    await page.goto(`${spa.server.url}/admin`);
    await page.getByLabel('E-mail').fill(TEST_OPERATOR.email);
    await page.getByLabel('Senha').fill(TEST_OPERATOR.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();
    await page.getByText('Nenhum backup ainda.').waitFor();

    await page.getByRole('button', { name: 'Fazer backup agora' }).click();
    // The final event of the SSE subscription: 3 customers ("Maria da Silva") with 2 guards, 1 event, 3 name
    // words and 1 e-mail confirmation token each, the operator, and the access record of the customer list the
    // operator was shown (3).
    await page
      .getByTestId('backup-progress')
      .getByText(/Backup concluído: 28 itens/)
      .waitFor();
    const row = page.getByTestId('backups-table').getByRole('row', { name: /Concluído/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Disponível · STANDARD');

    await row.getByRole('button', { name: /Verificar o backup de/ }).click();
    await page.getByTestId('verify-result').getByText('Backup íntegro: 28 itens conferidos.').waitFor();
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
