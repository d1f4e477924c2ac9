import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { ROOT_DIR } from '../src/config';
import { makeUser } from '../test/support/factories';
import { baseUrl, newPage, signIn } from './support/root-hooks';

describe('built UI assets (browser)', () => {
  for (const ui of ['admin-ui', 'customer-portal']) {
    it(`${ui}: every compressed copy the build wrote is its script or style sheet, byte for byte`, () => {
      const assets = path.join(ROOT_DIR, ui, 'dist', 'assets');
      const scripts = fs.readdirSync(assets).filter((f) => /\.(js|css)$/.test(f) && fs.statSync(path.join(assets, f)).size >= 1024);
      expect(scripts.length, 'scripts in the build').to.be.above(5);
      for (const name of scripts) {
        const original = fs.readFileSync(path.join(assets, name));
        expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(assets, `${name}.br`))).equals(original), `${name}.br`).to.equal(true);
        expect(zlib.gunzipSync(fs.readFileSync(path.join(assets, `${name}.gz`))).equals(original), `${name}.gz`).to.equal(true);
      }
    });
  }

  it('the browser gets the scripts compressed and opens lazily loaded pages with them', async () => {
    const page = await newPage();
    const encodings = new Map<string, string>();
    page.on('response', async (res) => {
      if (/\/assets\/.*\.js$/.test(res.url())) encodings.set(res.url(), (await res.allHeaders())['content-encoding'] ?? 'none');
    });
    await makeUser({ email: 'assets.ops.e2e@example.com', role: 'super_admin' });
    await signIn(page, 'admin', 'assets.ops.e2e@example.com');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    expect(encodings.size).to.be.above(3);
    // a script under 1 KB has no compressed copy
    const assets = path.join(ROOT_DIR, 'admin-ui', 'dist', 'assets');
    for (const [url, encoding] of encodings) {
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
      expect(encoding, name).to.equal(fs.statSync(path.join(assets, name)).size >= 1024 ? 'br' : 'none');
    }
    await page.context().close();
  });
});
