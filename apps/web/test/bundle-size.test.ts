import { describe, expect, it } from 'vitest';
import { ADMIN_MODULE, CUSTOMER_ROUTES, routeJavaScript } from './bundle-budget.ts';
import { requireBuiltSpa, WEB_DIST } from './chromium.ts';

/** The most gzipped JavaScript a customer route may load (issue 12). */
const BUDGET_GZIP_BYTES = 150 * 1024;

describe('first-load size budget', () => {
  requireBuiltSpa();

  it.each(Object.entries(CUSTOMER_ROUTES))(
    '%s loads at most 150 KB of gzipped JavaScript',
    (route, module) => {
      const loaded = routeJavaScript(WEB_DIST, module);
      const list = loaded.files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ');
      expect(
        loaded.gzip,
        `${route}: ${(loaded.gzip / 1024).toFixed(1)} KB gzipped (${list})`,
      ).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
      // Operator pages are a chunk of their own that no customer route loads.
      expect(loaded.adminFile, `${ADMIN_MODULE} is not split off`).toBeTruthy();
      expect(loaded.files.map((f) => f.key)).not.toContain(ADMIN_MODULE);
    },
  );
});
