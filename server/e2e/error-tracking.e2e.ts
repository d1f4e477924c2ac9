import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createApp } from '../src/app';
import { ROOT_DIR } from '../src/config';
import { SystemLog } from '../src/modules/observability/observability.models';
import { SupportTicket } from '../src/modules/support/support.models';
import { DEFAULT_PASSWORD, testConfig } from '../test/support/app';
import { makeUser } from '../test/support/factories';
import { SentryReceiver } from '../test/support/sentry-receiver';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Render errors in the built UIs. `?__crash=render` is the documented way to break a page on purpose
 * (honoured only when the server's NODE_ENV is not production; see docs/error-tracking.md).
 */
describe('error tracking (browser)', () => {
  let page: Page;

  after(async () => page?.context().close());

  it('production builds carry hidden source maps, which the server does not hand out', async () => {
    for (const ui of ['admin-ui', 'customer-portal']) {
      const assets = path.join(ROOT_DIR, ui, 'dist', 'assets');
      const files = fs.readdirSync(assets);
      const scripts = files.filter((f) => f.endsWith('.js'));
      expect(scripts.length, ui).to.be.greaterThan(0);
      expect(scripts.some((f) => f.startsWith('index-')), `${ui}: entry chunk`).to.equal(true);
      for (const js of scripts) {
        // the bundler's tiny runtime helper is generated code without a source
        if (!js.startsWith('rolldown-runtime')) expect(files, `${ui}: map of ${js}`).to.include(`${js}.map`);
        expect(fs.readFileSync(path.join(assets, js), 'utf8'), `${ui}: ${js} must not point at its map`).to.not.match(/sourceMappingURL=/);
      }
      const prefix = ui === 'admin-ui' ? 'admin' : 'portal';
      expect((await fetch(`${baseUrl}/${prefix}/assets/${scripts[0]}.map`)).status).to.equal(404);
    }
  });

  it('a portal page that crashes shows an error id that is in the log, and "Contact support" files a ticket with it', async () => {
    await makeUser({ name: 'Erin Error', email: 'erin.e2e@example.com' });
    page = await newPage();
    await signIn(page, 'portal', 'erin.e2e@example.com');
    await page.getByTestId('current-user-name').waitFor();

    await page.goto(`${baseUrl}/portal/projects?__crash=render`);
    await page.getByText('Something went wrong on this page').waitFor();
    const errorId = (await page.getByTestId('error-id').innerText()).trim();
    expect(errorId).to.match(UUID);
    await screenshot(page, 'error-tracking-portal-fallback');

    const stored = await SystemLog.findByPk(errorId);
    expect(stored, 'the error id is a stored event').to.not.equal(null);
    expect(stored!.component).to.equal('browser');
    expect(stored!.message).to.include('Deliberate render error');
    expect(stored!.errorGroupId).to.be.a('string');
    expect(stored!.context).to.include({ app: 'portal' });

    await page.getByTestId('contact-support').click();
    await page.waitForURL(/\/portal\/support\/new\?/);
    await page.getByText(errorId).first().waitFor();
    await page.getByLabel('Description').fill('The projects page broke right after I signed in.');
    await screenshot(page, 'error-tracking-new-ticket');
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.waitForURL(/\/portal\/support\/[0-9a-f-]{36}$/);
    const ticket = await SupportTicket.findOne({ where: { errorId } });
    expect(ticket, 'a ticket carrying the error id').to.not.equal(null);
  });

  it('an operator finds that error from its id on the Errors page, reads it and resolves it', async () => {
    const errorId = (await SystemLog.findOne({ where: { component: 'browser' }, order: [['createdAt', 'DESC']] }))!.id;
    await makeUser({ name: 'Omar Ops', email: 'omar.e2e@example.com', role: 'super_admin' });
    const ops = await newPage();
    try {
      await signIn(ops, 'admin', 'omar.e2e@example.com');
      await ops.getByTestId('header-user').waitFor();

      // the link a ticket's error reference points at
      await ops.goto(`${baseUrl}/admin/errors?q=${errorId}`);
      const rows = ops.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().getByText('Deliberate render error', { exact: false }).waitFor();
      expect(await rows.count()).to.equal(1);
      expect(await ops.getByTestId('errors-search').inputValue()).to.equal(errorId);
      await screenshot(ops, 'error-tracking-errors-list');

      await rows.first().click();
      await ops.getByTestId('latest-stack').waitFor();
      await ops.getByText(errorId).first().waitFor();
      await ops.getByRole('button', { name: 'Resolve' }).click();
      await ops.locator('.ant-popconfirm').getByRole('button', { name: 'Resolve' }).click();
      await ops.locator('.ant-tag', { hasText: 'resolved' }).first().waitFor();
      await screenshot(ops, 'error-tracking-error-detail');

      // the same event in the system log, filtered to errors
      await ops.goto(`${baseUrl}/admin/audit-log/system-log`);
      await ops.getByRole('tab', { name: 'System log' }).waitFor();
      await ops.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Deliberate render error' }).first().waitFor();
      await screenshot(ops, 'error-tracking-system-log');
    } catch (err) {
      await screenshot(ops, 'failed-error-tracking-errors-page');
      throw err;
    } finally {
      await ops.context().close();
    }
  });

  describe('with a browser Sentry DSN', () => {
    const receiver = new SentryReceiver();
    let server: Server;
    let sentryBase = '';

    before(async () => {
      await receiver.start();
      const app = createApp(testConfig({ SENTRY_BROWSER_DSN: receiver.dsn('99', 'browserkey') }));
      await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
      sentryBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await receiver.stop();
    });

    it('the console sends the crash to Sentry through the tunnel, and the stored event links to it', async () => {
      const p = await newPage();
      try {
        await p.goto(`${sentryBase}/admin/login?__crash=render`);
        await p.getByText('Something went wrong on this page').waitFor();
        const errorId = (await p.getByTestId('error-id').innerText()).trim();
        expect(errorId).to.match(UUID);
        await receiver.waitFor(() => receiver.events().length > 0, 15_000);
        const event = receiver.events()[0] as { event_id: string; exception: { values: Array<{ value: string }> }; tags?: Record<string, string> };
        expect(event.exception.values[0].value).to.include('Deliberate render error');
        expect(event.tags?.app).to.equal('admin');
        expect(receiver.envelopes[0].header.dsn).to.equal(receiver.dsn('99', 'browserkey'));
        const stored = await SystemLog.findByPk(errorId);
        expect(stored?.sentryEventId).to.equal(event.event_id);
        await screenshot(p, 'error-tracking-console-fallback');
      } finally {
        await p.context().close();
      }
    });

    it('names whoever signed in last in the tab, not who was there when the page loaded', async () => {
      const user = await makeUser({ name: 'Tracked Tess', email: 'tess.tracked.e2e@example.com' });
      const p = await newPage();
      try {
        // the page loads signed out (Sentry starts with no user), then Tess signs in without a reload
        await p.goto(`${sentryBase}/portal/login`);
        await p.getByLabel('E-mail').fill('tess.tracked.e2e@example.com');
        await p.getByLabel('Password').fill(DEFAULT_PASSWORD);
        await p.getByRole('button', { name: 'Sign in' }).click();
        await p.getByTestId('current-user-name').getByText('Tracked Tess').waitFor();
        const before = receiver.events().length;
        await p.evaluate(() => setTimeout(() => {
          throw new Error('Uncaught after signing in');
        }));
        await receiver.waitFor(() => receiver.events().slice(before).some((e) => JSON.stringify(e).includes('Uncaught after signing in')), 15_000);
        const event = receiver.events().slice(before).find((e) => JSON.stringify(e).includes('Uncaught after signing in')) as { user?: { id?: string } };
        expect(event.user?.id).to.equal(user.id);
      } finally {
        await p.context().close();
      }
    });
  });
});
