import { describe, expect, it } from 'vitest';
import { ADMIN_MODULE, CUSTOMER_ROUTES, routeJavaScript } from './bundle-budget.ts';
import { requireBuiltSpa, WEB_DIST } from './chromium.ts';

/** The most gzipped JavaScript a customer route may load, in KiB (1024 bytes; issues 12 and 15). */
const BUDGET_KIB = 150;
const KiB = (bytes: number) => (bytes / 1024).toFixed(1);

describe('first-load size budget', () => {
  requireBuiltSpa();

  it.each(Object.entries(CUSTOMER_ROUTES))(
    `%s loads at most ${BUDGET_KIB} KiB of gzipped JavaScript`,
    (route, module) => {
      const loaded = routeJavaScript(WEB_DIST, module);
      const list = loaded.files.map((f) => `${f.file} ${KiB(f.gzip)} KiB`).join(', ');
      expect(loaded.gzip, `${route}: ${KiB(loaded.gzip)} KiB gzipped (${list})`).toBeLessThanOrEqual(
        BUDGET_KIB * 1024,
      );
      // Operator pages are a chunk of their own that no customer route loads.
      expect(loaded.adminFile, `${ADMIN_MODULE} is not split off`).toBeTruthy();
      expect(loaded.files.map((f) => f.key)).not.toContain(ADMIN_MODULE);
    },
  );
});
