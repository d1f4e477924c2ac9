import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'chai';
import { chromium, type Browser, type Locator, type Page, type Request } from 'playwright-core';
import { createApp } from '../../src/app';
import { db } from '../../src/db/sequelize';
import { ROOT_DIR } from '../../src/config';
import { freePort, startTestStack } from '../../test/support/database';
import { DEFAULT_PASSWORD, testConfig } from '../../test/support/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT_DIR, 'screenshots');

let browser: Browser;
let server: Server;
let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;
export let baseUrl = '';

/**
 * A fresh browser page (own cookies) on the running app; failures leave a screenshot in screenshots/.
 * The locale is set, not taken from the machine, so dates and numbers read the same everywhere.
 */
export async function newPage({ locale = 'en-US', bypassCSP = false }: { locale?: string; bypassCSP?: boolean } = {}): Promise<Page> {
  // Reduced motion turns antd's animations off: a click on a dialog that is still zooming in can press a
  // button where it was and release it where it has moved to, which is no click at all. bypassCSP lets a
  // test add a script of its own (the accessibility checker), which the apps' CSP refuses.
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale, reducedMotion: 'reduce', bypassCSP });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  recordTraffic(page);
  return page;
}

/** Signs in through the console's or the portal's login page (both label the field "E-mail"). */
export async function signIn(page: Page, ui: 'admin' | 'portal', email: string, password = DEFAULT_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/${ui}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs a page's API client in (its cookies are the page's), skipping the login form. */
export async function apiSignIn(page: Page, email: string, password = DEFAULT_PASSWORD): Promise<void> {
  expect((await page.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } })).status()).to.equal(200);
}

/**
 * Waits until the page's table shows exactly n rows, polled from here: the apps' CSP forbids the evaluated
 * strings that page.waitForFunction polls with, so it fails whenever the first check is not already true.
 */
export async function waitForRows(page: Page, n: number): Promise<void> {
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  for (let i = 0; i < 75 && (await rows.count()) !== n; i++) await page.waitForTimeout(200);
  expect(await rows.count()).to.equal(n);
}

/** The page's requests of one method to one API path (without its query), from now on. */
export function watchRequests(page: Page, method: string, path: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => r.method() === method && new URL(r.url()).pathname === path && seen.push(r));
  return seen;
}

/** An element's box on the page; it must be shown. */
export async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, 'element shown').to.not.equal(null);
  return found!;
}

// The last API answers and console errors of each page, printed when a test fails: a toast that has
// faded by the time of the failure screenshot still shows up here.
const traffic = new WeakMap<Page, string[]>();
function recordTraffic(page: Page): void {
  const lines: string[] = [];
  traffic.set(page, lines);
  const keep = (line: string) => lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`) > 40 && lines.shift();
  page.on('request', (r) => r.url().includes('/api/') && keep(`→ ${r.method()} ${r.url().replace(baseUrl, '')}`));
  page.on('requestfailed', (r) => keep(`✗ ${r.method()} ${r.url().replace(baseUrl, '')} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.url().includes('/api/') && keep(`← ${r.status()} ${r.request().method()} ${r.url().replace(baseUrl, '')}`));
  page.on('console', (m) => m.type() === 'error' && keep(`console: ${m.text().slice(0, 300)}`));
  page.on('pageerror', (e) => keep(`page error: ${e.message.slice(0, 300)}`));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Closes a test's page in its file's afterEach, keeping a picture first when the test failed: the root
 * hook's pictures come after the file's own hooks, when the page is already closed.
 */
export async function closeTestPage(test: Mocha.Test | undefined, page: Page | undefined): Promise<void> {
  if (page && test?.state === 'failed') await screenshot(page, `failed-${test.title.replace(/\W+/g, '-')}`);
  await page?.context().close();
}

/** What every database session was doing when a test failed: a stuck request shows up here as a lock wait. */
async function logDatabaseActivity(): Promise<void> {
  if (!stack) return;
  const client = new pg.Client({ connectionString: stack.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by, now() - xact_start AS in_transaction_for, left(query, 200) AS query
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY xact_start NULLS LAST`,
    );
    const pool = (db().connectionManager as unknown as { pool?: { size?: number; available?: number; using?: number; waiting?: number } }).pool;
    console.error('database sessions at the failure:', JSON.stringify(rows, null, 1), 'sequelize pool:', JSON.stringify({ size: pool?.size, available: pool?.available, using: pool?.using, waiting: pool?.waiting }));
  } finally {
    await client.end();
  }
}

/** The built UIs served by the real app on a real database, driven by Debian's headless Chromium. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    for (const ui of ['admin-ui', 'customer-portal']) {
      if (!fs.existsSync(path.join(ROOT_DIR, ui, 'dist', 'index.html'))) throw new Error(`${ui} is not built: run \`npm run build\` first`);
    }
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    stack = await startTestStack();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const app = createApp(testConfig({ PUBLIC_URL: baseUrl }));
    await new Promise<void>((resolve) => (server = app.listen(port, '127.0.0.1', () => resolve())));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  },
  async afterEach(this: Mocha.Context) {
    // keep a picture of every page still open when a test fails
    if (this.currentTest?.state !== 'failed') return;
    await logDatabaseActivity().catch((err) => console.error('could not read pg_stat_activity:', err));
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        console.error(`traffic of ${page.url()}:\n  ${(traffic.get(page) ?? []).join('\n  ')}`);
        await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      }
    }
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await stack?.stop();
  },
};
