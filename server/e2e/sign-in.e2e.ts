import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { baseUrl, newPage, signIn } from './support/root-hooks';

describe('sign-in pages (browser)', () => {
  it('load for a signed-out visitor without errors in the console, and sign in', async () => {
    await makeUser({ name: 'Sid Signin', email: 'sid.signin.e2e@example.com' });
    for (const ui of ['portal', 'admin'] as const) {
      const page = await newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        // the app asks who is signed in on every load: a signed-out visitor is an answer, not a 401
        const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/session');
        await page.goto(`${baseUrl}/${ui}/`);
        expect((await asked).status()).to.equal(200);
        await page.waitForURL(/\/login$/);
        await page.getByLabel('E-mail').waitFor();
        await page.waitForLoadState('networkidle');
        expect(errors, `${ui}: ${errors.join('\n')}`).to.deep.equal([]);
        if (ui === 'portal') {
          await signIn(page, 'portal', 'sid.signin.e2e@example.com');
          await page.waitForURL((url) => !url.pathname.endsWith('/login'));
        }
      } finally {
        await page.context().close();
      }
    }
  });

  it('the next customer to sign in in the same tab never sees, even for a moment, what the last one saw', async () => {
    const first = await makeUser({ name: 'First Fiona', email: 'fiona.tab.e2e@example.com' });
    await makeProject(first.id, { name: 'Fiona secret project' });
    await makeUser({ name: 'Second Sol', email: 'sol.tab.e2e@example.com' });
    const page = await newPage();
    try {
      await signIn(page, 'portal', 'fiona.tab.e2e@example.com');
      await page.getByText('Fiona secret project').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/portal\/login$/);
      // record whatever the page shows from here on, however briefly
      await watchFor(page, 'Fiona secret project');
      // signed in on the page the sign-out left open: no reload, which would empty every cache anyway
      await page.getByLabel('E-mail').fill('sol.tab.e2e@example.com');
      await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('current-user-name').getByText('Second Sol').waitFor();
      await page.getByText('No projects yet').waitFor();
      expect(await page.evaluate(() => (globalThis as unknown as { seen: boolean }).seen)).to.equal(false);
    } finally {
      await page.context().close();
    }
  });
});

/** Sets `seen` in the page as soon as `text` appears anywhere in it (a MutationObserver, so no frame is missed). */
async function watchFor(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const g = globalThis as unknown as { seen: boolean; document: { body: { innerText: string } }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
    g.seen = false;
    new g.MutationObserver(() => {
      if (g.document.body.innerText.includes(t)) g.seen = true;
    }).observe(g.document.body, { subtree: true, childList: true, characterData: true });
  }, text);
}
