import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegisterInput } from '@cadastro/contracts';
import { newRegistration } from '@cadastro/contracts/testing';
import { startTestServer, type TestServer, type TestServerOptions } from '@cadastro/server/testing';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { expectNoPersonalDataInUrls, recordRequestUrls } from './request-urls.ts';

/** Debian's Chromium; these tests drive it and never download a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export function requireBuiltSpa(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The SPA is not built (${WEB_DIST} has no index.html). Run \`pnpm --filter @cadastro/web build\` first.`,
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` ` +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The real server serving the built SPA, and Chromium, for one test file: started before its tests, stopped
 * after them; on moto, or on s3rver as `pnpm start` runs it. Read `spa.server` and `spa.browser` inside tests.
 */
export function spaUnderTest(options: Omit<TestServerOptions, 'webDir'> = {}): {
  server: TestServer;
  browser: Browser;
  /** Every URL any page of the file requested: checked after its tests for CPFs and e-mail addresses. */
  requestUrls: string[];
} {
  const spa = { requestUrls: [] as string[] } as {
    server: TestServer;
    browser: Browser;
    requestUrls: string[];
  };
  beforeAll(async () => {
    requireBuiltSpa();
    const browser = await launchChromium();
    // Every context the tests open records its requests.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args) => recordedContext(await newContext(...args));
    const recordedContext = <T extends Parameters<typeof recordRequestUrls>[0]>(context: T) => {
      recordRequestUrls(context, spa.requestUrls);
      return context;
    };
    spa.browser = browser;
    spa.server = await startTestServer({ ...options, webDir: WEB_DIST });
  });
  afterAll(async () => {
    await spa.browser?.close();
    await spa.server?.close();
    expectNoPersonalDataInUrls(spa.requestUrls);
  });
  return spa;
}

/** Registers a customer through the page's own requests, so its browser holds the session: the customer's id. */
export async function registerIn(
  page: Page,
  server: Pick<TestServer, 'url'>,
  customer: RegisterInput = newRegistration(),
): Promise<string> {
  const res = await page.request.post(`${server.url}/trpc/customers.register`, {
    data: customer,
    headers: { origin: server.url },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
}

/** The texts a control's `aria-describedby` points at: what a screen reader reads after its label. */
export async function describedTexts(control: Locator): Promise<string[]> {
  const ids = (await control.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const page = control.page();
  return Promise.all(ids.map(async (id) => (await page.locator(`#${id}`).textContent())?.trim() ?? ''));
}
