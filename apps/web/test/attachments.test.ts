import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { registerIn, spaUnderTest } from './chromium.ts';

const spa = spaUnderTest();

/** A registered, signed-in customer's browser on /documentos. */
async function openDocuments(): Promise<{ page: Page; customerId: string }> {
  const context = await spa.browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Registering signs the customer in: the session cookie lands in this browser context.
  const customerId = await registerIn(page, spa.server);
  await page.goto(`${spa.server.url}/documentos`);
  await page.getByRole('heading', { level: 1, name: 'Meus documentos' }).waitFor();
  await page.getByText('Nenhum documento enviado ainda.').waitFor();
  return { page, customerId };
}

/** Drops a file on the drop zone the way a drag from the desktop does (a DataTransfer holding a File). */
async function dropFile(page: Page, bytes: Buffer, name: string, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { base64: bytes.toString('base64'), name, type },
  );
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
}

describe('documents in the browser', () => {
  it('uploads a dropped PDF straight to S3 with a moving progress bar, then lists it', async () => {
    const { page, customerId } = await openDocuments();
    // Slow the upload down (Chromium's network emulation) so the progress events are seen on their way.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    // Record every value the progress bar shows, frame by frame.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const record = () => {
        const bar = document.querySelector('progress');
        if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
        requestAnimationFrame(record);
      };
      record();
    });

    const pdf = randomBytes(2 * 1024 * 1024);
    pdf.write('%PDF-1.7\n', 0);
    await page.getByLabel('Tipo de documento').selectOption('proof_of_address');
    await dropFile(page, pdf, 'Conta de luz — março.pdf', 'application/pdf');

    await page.getByText('Conta de luz — março.pdf foi enviado.').waitFor({ timeout: 30_000 });
    const row = page.getByTestId('attachment-row').filter({ hasText: 'Conta de luz — março.pdf' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Comprovante de endereço');
    expect(await row.getByText('Disponível', { exact: true }).count()).toBe(1);

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(
      seen.some((v) => v > 0 && v < 100),
      `progress values: ${seen.join(', ')}`,
    ).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // What the server keeps is the file that left the spa.browser.
    const { items } = await spa.server.services.attachments.list(customerId, { limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      state: 'stored',
      kind: 'proof_of_address',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    await page.context().close();
  });

  it('refuses a file of another type before anything is sent', async () => {
    const { page } = await openDocuments();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/trpc/attachments.createUpload')) apiCalls.push(r.url());
    });
    await page.getByTestId('file-input').setInputFiles({
      name: 'foto.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a'),
    });
    await page.getByRole('alert').filter({ hasText: 'Envie um PDF, JPEG ou PNG.' }).waitFor();
    expect(apiCalls).toEqual([]);
    await page.context().close();
  });
});
