import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { createTicket } from '../src/modules/support/services/create-ticket.service';
import { makeProject, makeUser } from '../test/support/factories';
import { professionalCustomer } from './support/customers';
import { baseUrl, box, newPage, signIn } from './support/root-hooks';

const WIDE = { width: 1440, height: 900 };
const TABLET = { width: 780, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The lines an inline element (a link, a piece of text) is broken into. */
async function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => el.getClientRects().length);
}

/** The width of the table itself, which is more than its card's when the columns keep their designed widths. */
async function tableWidth(page: Page): Promise<number> {
  const table = page.locator('.ant-table-content > table, .ant-table-body > table').first();
  await table.waitFor();
  return (await box(table)).width;
}

describe('console review (browser)', () => {
  let ops: Page;
  let customerId = '';

  before(async function () {
    this.timeout(90_000);
    await makeUser({ name: 'Rhea Review', email: 'review.ops.e2e@example.com', role: 'super_admin' });
    await makeUser({ name: 'Sid Review', email: 'review.support.e2e@example.com', role: 'support_admin' });
    // a Professional customer: the upgrade issues an invoice, paid with the test card
    const customerPage = await newPage();
    const customer = await professionalCustomer(customerPage, 'rita.review.e2e@example.com', 'Rita Review');
    customerId = customer.id;
    await makeProject(customer.id, { name: 'Checkout Service' });
    await createTicket({ customerId, subject: 'Analysis results look different since yesterday', description: 'The scores changed overnight.', priority: 'high' });
    const reported = await customerPage.request.post(`${baseUrl}/api/client-errors`, { data: { app: 'admin', message: 'TypeError: Cannot read properties of null (reading "totalCents") while rendering the refund dialog of an invoice' } });
    expect(reported.status()).to.equal(201);
    await customerPage.context().close();

    ops = await newPage();
    await signIn(ops, 'admin', 'review.ops.e2e@example.com');
    await ops.getByTestId('header-user').waitFor();
  });

  after(async () => ops?.context().close());

  describe('search', () => {
    const resultsColumn = () => ops.locator('.ant-col', { has: ops.getByTestId('search-summary') });

    it('at 780 px the results take the page width: the filters fold above them and the saved searches follow', async () => {
      await ops.setViewportSize(TABLET);
      await ops.goto(`${baseUrl}/admin/search?q=checkout`);
      await ops.getByTestId('saved-searches').waitFor();
      expect(await ops.title()).to.equal('Search | Socrates Ops Console');

      const folded = await box(ops.getByTestId('search-filters-folded'));
      const results = await box(resultsColumn());
      const saved = await box(ops.getByTestId('saved-searches'));
      expect(results.width, 'the results column').to.be.at.least(600);
      expect(folded.y + folded.height, 'the filters above the results').to.be.at.most(results.y);
      expect(saved.y, 'the saved searches below the results').to.be.at.least(results.y + results.height);

      // the header's name would wrap above and below the bar beside the menu button and the search box
      const header = await box(ops.locator('header').first());
      const user = await box(ops.getByTestId('header-user'));
      expect(user.height, 'signed-in user on one line of the header').to.be.at.most(header.height + 1);
    });

    it('at 1440 px the filters, results and saved searches stand side by side, their tops in line', async () => {
      await ops.setViewportSize(WIDE);
      await ops.goto(`${baseUrl}/admin/search?q=checkout`);
      const saved = ops.getByTestId('saved-searches');
      await saved.locator('.ant-card-head-title').waitFor();
      const filters = await box(ops.locator('.ant-card', { has: ops.locator('.ant-card-head-title', { hasText: /^Filters$/ }) }));
      const results = await box(resultsColumn());
      const side = await box(saved);
      expect(filters.x + filters.width, 'filters left of the results').to.be.at.most(results.x);
      expect(results.x + results.width, 'results left of the saved searches').to.be.at.most(side.x);
      expect(results.width, 'the results column').to.be.at.least(500);
      expect(Math.abs(side.y - filters.y), 'saved searches level with the filters').to.be.at.most(1);
    });
  });

  it('at 780 px the lists keep their columns and scroll sideways instead of breaking numbers, names and e-mails', async () => {
    await ops.setViewportSize(TABLET);
    await ops.goto(`${baseUrl}/admin/invoices`);
    const number = ops.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link', { name: /^INV-/ });
    await number.waitFor();
    expect(await lineCount(number), 'invoice number on one line').to.equal(1);
    expect(await tableWidth(ops), 'invoices table').to.be.at.least(900);

    for (const [path, width] of [['/admin/support-tickets', 1000], ['/admin/subscriptions', 900], ['/admin/audit-log', 900], ['/admin/audit-log/outbox', 1000]] as const) {
      await ops.goto(`${baseUrl}${path}`);
      await ops.locator('.ant-table-thead').first().waitFor();
      expect(await tableWidth(ops), `${path} table`).to.be.at.least(width);
    }
    // the subject of an e-mail, the outbox's widest column, is more than a few words
    expect((await box(ops.locator('.ant-table-thead th', { hasText: /^Subject$/ }))).width).to.be.at.least(240);
  });

  it('"?" lists the keyboard shortcuts, the command bar among them, except while typing in a field', async () => {
    await ops.goto(`${baseUrl}/admin/`);
    await ops.getByPlaceholder(/Type \/ to search/).click();
    await ops.keyboard.type('who?');
    expect(await ops.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).to.equal(0);

    await ops.getByRole('heading', { name: /^Welcome/ }).click();
    await ops.keyboard.press('Shift+Slash');
    const dialog = ops.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByText('Commands: go to a section or create a record').waitFor();
    await ops.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the users list fits a phone: the e-mail under the name, the secondary columns stepped aside', async () => {
    await ops.setViewportSize(PHONE);
    await ops.goto(`${baseUrl}/admin/users`);
    const row = ops.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Rita Review' });
    await row.waitFor();
    expect(await row.innerText()).to.match(/Rita Review\s+rita\.review\.e2e@example\.com\s+Active/);
    const overflow = await ops.locator('.ant-table-content').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'table scrolls sideways').to.be.at.most(0);
    expect(await ops.locator('.ant-table-thead th', { hasText: 'Signed up' }).count()).to.equal(0);
    await ops.setViewportSize(WIDE);
  });

  it("a user's page on a phone keeps project names and invoice numbers whole; invoices open from it, their payments read as words", async () => {
    await ops.setViewportSize(PHONE);
    await ops.goto(`${baseUrl}/admin/users/${customerId}`);
    const project = ops.locator('.ant-tabs-tabpane-active').getByText('Checkout Service', { exact: true });
    await project.waitFor();
    expect(await lineCount(project), 'project name on one line').to.equal(1);

    await ops.getByRole('tab', { name: 'Plan & invoices' }).click();
    const invoice = ops.locator('.ant-tabs-tabpane-active').getByRole('link', { name: /^INV-/ });
    await invoice.waitFor();
    expect(await lineCount(invoice), 'invoice number on one line').to.equal(1);

    await ops.setViewportSize(WIDE);
    await ops.getByRole('tab', { name: 'Tickets (1)' }).click();
    const ticket = ops.locator('.ant-tabs-tabpane-active tr', { hasText: 'Analysis results look different since yesterday' });
    await ticket.getByText('High', { exact: true }).waitFor();

    await ops.getByRole('tab', { name: 'Plan & invoices' }).click();
    await ops.locator('.ant-tabs-tabpane-active').getByRole('link', { name: /^INV-/ }).click();
    await ops.waitForURL(/\/admin\/invoices\/[0-9a-f-]{36}$/);
    await ops.locator('.ant-card', { hasText: 'Payment attempts' }).getByText('Succeeded', { exact: true }).waitFor();
  });

  describe('errors', () => {
    it('the list fits beside the menu at 1440 px, with its actions on screen', async () => {
      await ops.setViewportSize(WIDE);
      await ops.goto(`${baseUrl}/admin/errors`);
      const row = ops.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'totalCents' });
      const resolve = row.getByRole('button', { name: 'Resolve' });
      await resolve.waitFor();
      const scroller = ops.locator('.ant-table-content, .ant-table-body').first();
      const [scrollWidth, clientWidth] = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scrollWidth, 'no sideways scrolling').to.be.at.most(clientWidth);
      const button = await box(resolve);
      const visible = await box(scroller);
      expect(button.x + button.width, 'Resolve inside the table').to.be.at.most(visible.x + visible.width);
    });

    it('the figures above the list wait for their answer instead of reading zero', async () => {
      let release = () => {};
      const answered = new Promise<void>((resolve) => (release = resolve));
      const summary = /\/api\/admin\/system\/errors\/summary\b/;
      await ops.route(summary, async (route) => {
        await answered;
        await route.continue();
      });
      try {
        await ops.goto(`${baseUrl}/admin/errors`);
        await ops.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
        expect(await ops.getByText('Errors, last hour').count(), 'no figure before the answer').to.equal(0);
        release();
        await ops.getByText('Errors, last hour').waitFor();
      } finally {
        release();
        await ops.unroute(summary);
      }
    });

    it("a group's daily chart stays inside its card on a phone", async () => {
      const [group] = await (await ops.request.get(`${baseUrl}/api/admin/system/errors?_start=0&_end=1&q=totalCents`)).json();
      await ops.setViewportSize(PHONE);
      await ops.goto(`${baseUrl}/admin/errors/${group.id}`);
      const card = ops.locator('.ant-card-small', { has: ops.locator('.ant-card-head-title', { hasText: 'Last 14 days' }) });
      const chart = await box(card.locator('svg[role=img]'));
      const inside = await box(card.locator('.ant-card-body'));
      expect(chart.x + chart.width, 'chart inside the card').to.be.at.most(inside.x + inside.width);
    });
  });

  it("an analytics report's tab is titled by its report, and is closed to a role without analytics like its first tab", async () => {
    await ops.setViewportSize(WIDE);
    await ops.goto(`${baseUrl}/admin/analytics/revenue`);
    await ops.getByTestId('mrr-movements').waitFor();
    expect(await ops.title()).to.equal('Analytics · Revenue | Socrates Ops Console');

    const support = await newPage();
    try {
      await signIn(support, 'admin', 'review.support.e2e@example.com');
      await support.getByTestId('header-user').waitFor();
      await support.goto(`${baseUrl}/admin/analytics/revenue`);
      await support.getByText('No access').waitFor();
      expect(await support.getByText('Export CSV').count()).to.equal(0);
    } finally {
      await support.context().close();
    }
  });

  it('a page kept out of the menu shows its section as the current entry, and the section link leads back', async () => {
    await ops.setViewportSize(WIDE);
    const current = ops.locator('.ant-layout-sider .ant-menu-item-selected');
    for (const [path, section] of [
      ['/audit-log/outbox', 'Logs & audit trail'],
      ['/audit-log/system-log', 'Logs & audit trail'],
      ['/subscriptions/tiers', 'Subscriptions'],
      ['/support-settings', 'Support tickets'],
      ['/analytics/quality', 'Analytics'],
      ['/users', 'Users'],
    ]) {
      await ops.goto(`${baseUrl}/admin${path}`);
      await current.waitFor();
      expect(await current.innerText(), path).to.equal(section);
    }
    await ops.goto(`${baseUrl}/admin/audit-log/outbox`);
    await current.getByRole('link', { name: 'Logs & audit trail' }).click();
    await ops.waitForURL(`${baseUrl}/admin/audit-log`);
    expect(await current.innerText()).to.equal('Logs & audit trail');
  });

  it('the menu stays in view while a long page scrolls, as in the portal', async () => {
    await ops.setViewportSize(WIDE);
    await ops.goto(`${baseUrl}/admin`);
    await ops.getByText('Quick actions').waitFor();
    const scrolled = await ops.evaluate(() => {
      const w = globalThis as unknown as { scrollTo(x: number, y: number): void; scrollY: number; document: { documentElement: { scrollHeight: number } } };
      w.scrollTo(0, w.document.documentElement.scrollHeight);
      return w.scrollY;
    });
    expect(scrolled, 'the dashboard is taller than the window').to.be.above(300);
    for (const entry of ['Dashboard', 'Settings']) {
      const { y, height } = await box(ops.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: entry }));
      expect(y, entry).to.be.at.least(0);
      expect(y + height, entry).to.be.at.most(WIDE.height);
    }
  });

  it('the analytics figures fill their rows: no card stands alone on the last one', async () => {
    await ops.setViewportSize(WIDE);
    await ops.goto(`${baseUrl}/admin/analytics`);
    // nine figures about customers: three rows of three at this width, not 4 + 4 + 1
    const [churn, events] = [await box(ops.getByTestId('kpi-churnRate')), await box(ops.getByTestId('kpi-eventsPerActiveUser'))];
    expect(churn.y, 'the last card shares its row').to.equal(events.y);
    expect(churn.width).to.equal(events.width);
  });
});
