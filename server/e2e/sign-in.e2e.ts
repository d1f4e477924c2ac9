import { expect } from 'chai';
import { makeUser } from '../test/support/factories';
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
});
