import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { ROOT_DIR } from '../../src/config';
import { freePort, startTestStack } from '../../test/support/database';
import { testConfig } from '../../test/support/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT_DIR, 'screenshots');

let browser: Browser;
let server: Server;
let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;
export let baseUrl = '';

/** A fresh browser page (own cookies) on the running app; failures leave a screenshot in screenshots/. */
export async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
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
    for (const context of browser.contexts()) {
      for (const page of context.pages()) await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await stack?.stop();
  },
};
