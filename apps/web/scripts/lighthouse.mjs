#!/usr/bin/env node
// Lighthouse (mobile profile) on registration, sign-in and Minha conta of a running Cadastro (`pnpm start`).
// Usage: pnpm --filter @cadastro/web lighthouse [base URL, default http://localhost:3000]  (RUNS=3 runs per page)
// Needs Chromium (CHROME_PATH, default /usr/bin/chromium) and runs lighthouse 12.2.3, the last release that
// runs on Node 20, through npx. Prints the median of each score and metric over the runs and exits 1 when a score is under 95.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const MIN = 95;

/** A fresh customer's session cookie, so Minha conta shows the account rather than the sign-in page. */
async function customerCookie() {
  const n = Date.now() % 1_000_000_000;
  const digits = String(100_000_000 + (n % 800_000_000))
    .padStart(9, '0')
    .split('')
    .map(Number);
  for (const len of [9, 10]) {
    const sum = digits.slice(0, len).reduce((acc, d, i) => acc + d * (len + 1 - i), 0);
    digits.push((sum * 10) % 11 === 10 ? 0 : (sum * 10) % 11);
  }
  const res = await fetch(`${base}/trpc/customers.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      name: 'Maria da Silva',
      cpf: digits.join(''),
      email: `lighthouse.${n}@example.com`,
      phone: '(11) 91234-5678',
      birthDate: '17/05/1990',
      address: {
        cep: '01310-100',
        street: 'Avenida Paulista',
        number: '1578',
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'SP',
      },
      consent: { termsVersion: process.env.TERMS_VERSION ?? '2026-11', accepted: true },
      password: 'senha-forte-123',
    }),
  });
  if (!res.ok)
    throw new Error(`registration for the Minha conta run failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0].split(';')[0];
}

const pages = [
  { name: 'registration', path: '/' },
  { name: 'sign-in', path: '/entrar' },
  { name: 'Minha conta', path: '/minha-conta', signedIn: true },
];
const runs = Number(process.env.RUNS ?? 3);
const out = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const cookie = await customerCookie();

/** One Lighthouse run; a run whose trace Chromium failed to record (NO_NAVSTART and the like) is tried again. */
function lighthouse(page, report) {
  const args = [
    '-y',
    'lighthouse@12.2.3',
    `${base}${page.path}`,
    '--only-categories=performance,accessibility,best-practices',
    '--output=json',
    `--output-path=${report}`,
    '--quiet',
    '--chrome-flags=--headless --no-sandbox --disable-gpu',
  ];
  if (page.signedIn) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('npx', args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } });
      const result = JSON.parse(readFileSync(report, 'utf8'));
      if (!result.runtimeError) return result;
      if (attempt === 3) throw new Error(`${page.path}: ${result.runtimeError.message}`);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
let failed = false;
for (const page of pages) {
  const results = [];
  for (let run = 1; run <= runs; run++) {
    results.push(lighthouse(page, join(out, `${page.name.replace(/\W+/g, '-')}-${run}.json`)));
  }
  // The median of each figure over the runs: a score is a measurement, and this machine is shared.
  const scores = Object.fromEntries(
    Object.keys(results[0].categories).map((k) => [
      k,
      median(results.map((r) => Math.round(r.categories[k].score * 100))),
    ]),
  );
  const metric = (id) => median(results.map((r) => r.audits[id].numericValue));
  const low = Object.entries(scores).filter(([, s]) => s < MIN);
  if (low.length) failed = true;
  console.log(
    `${page.name.padEnd(13)} ${Object.entries(scores)
      .map(([k, s]) => `${k} ${s}`)
      .join('  ')}  FCP ${seconds(metric('first-contentful-paint'))}  LCP ${seconds(
      metric('largest-contentful-paint'),
    )}  TBT ${Math.round(metric('total-blocking-time'))} ms  CLS ${metric('cumulative-layout-shift').toFixed(3)}` +
      `  (median of ${runs}; each run's performance: ${results
        .map((r) => Math.round(r.categories.performance.score * 100))
        .join(', ')})${low.length ? '  ← under 95' : ''}`,
  );
}
console.log(`reports in ${out}`);
process.exit(failed ? 1 : 0);
