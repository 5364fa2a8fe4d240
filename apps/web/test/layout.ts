import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Screenshots the browser tests keep for people to look at (gitignored; see the README). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../test-artifacts/screenshots', import.meta.url));

/** The smallest phone the app supports, a common phone, and a desktop. */
export const WIDTHS = [320, 390, 1280] as const;

/** Fails when the page is wider than the viewport (the visitor would have to scroll sideways). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const width = window.innerWidth;
    // Name the widest element sticking out, so a failure says where to look.
    let widest = '';
    let right = width;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5) {
        right = r;
        widest = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(r)} px`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest };
  });
  expect(
    scrollWidth,
    `${what}: ${scrollWidth} px wide in a ${innerWidth} px viewport (${widest})`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** A full-page screenshot under test-artifacts/screenshots/<name>-<width>.png. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}
