import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { clock } from '../src/lib/clock';
import { Subscription } from '../src/modules/billing/billing.models';
import { makeSubscription, makeUsage } from '../test/support/billing-factories';
import { makeProject, makeSnippet, makeUser } from '../test/support/factories';
import { apiSignIn, baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const HOUR = 3_600_000;
// What an en-US reader sees for billing dates (read in UTC); spacing around the dash varies with ICU.
const usDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const usPeriod = (start: Date, end: Date) => squash(usDate.formatRange(start, end));

describe('portal polish (browser)', function () {
  this.timeout(120_000);
  after(() => clock.reset());

  it('an invoice names its own period and each line the period it bills, in the reader\'s words', async () => {
    const email = 'polly.period@example.com';
    const user = await makeUser({ name: 'Polly Period', email });
    const page = await newPage();
    try {
      await apiSignIn(page, email);
      expect((await page.request.post(`${baseUrl}/api/billing/payment-methods`, { data: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' } })).status()).to.equal(201);
      expect((await page.request.post(`${baseUrl}/api/subscriptions/upgrade`, { data: { tier: 'professional' } })).status()).to.equal(200);
      const subscription = (await Subscription.findOne({ where: { userId: user.id } }))!;
      await makeUsage(subscription, 'analyses_run', 503);
      const ended = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };

      // The period ends; month end runs as the console's test-mode button runs it.
      clock.set(new Date(ended.end.getTime() + HOUR));
      await makeUser({ name: 'Mona Monthend', email: 'mona.monthend@example.com', role: 'billing_admin' });
      const admin = await newPage();
      await apiSignIn(admin, 'mona.monthend@example.com');
      const run = await admin.request.post(`${baseUrl}/api/admin/billing/run-month-end`, { data: {} });
      await admin.context().close();
      expect(run.status()).to.equal(200);
      await subscription.reload();
      const next = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
      expect(next.start.toISOString()).to.equal(ended.end.toISOString());

      await signIn(page, 'portal', email);
      await page.getByTestId('current-user-name').waitFor();
      await page.goto(`${baseUrl}/portal/billing`);
      const monthly = page.getByTestId('invoice-row').filter({ hasText: 'Monthly' });
      await monthly.getByRole('button', { name: /expand/i }).click();
      const detail = page.getByTestId('invoice-detail');
      await detail.getByTestId('invoice-line').first().waitFor();

      // The invoice closes the period that ended; its plan fee pays for the next one, its overage is the ended one's.
      expect(squash(await detail.getByTestId('invoice-period').textContent())).to.equal(`Closes the billing period ${usPeriod(ended.start, ended.end)}`);
      const fee = detail.locator('[data-testid="invoice-line"][data-type="subscription"]');
      expect(squash(await fee.textContent())).to.include('Professional plan');
      expect(squash(await fee.getByTestId('invoice-line-period').textContent())).to.equal(usPeriod(next.start, next.end));
      const overage = detail.locator('[data-testid="invoice-line"][data-type="overage"]');
      expect(squash(await overage.textContent())).to.include('Analyses above the Professional limit of 500: 3 × $0.10');
      expect(squash(await overage.getByTestId('invoice-line-period').textContent())).to.equal(usPeriod(ended.start, ended.end));
      expect(await detail.getByTestId('invoice-periods-note').textContent()).to.include('in advance');
      expect(await detail.innerText()).not.to.match(/\d{4}-\d{2}-\d{2}/);
      await screenshot(page, 'portal-invoice-periods');

      // The upgrade's invoice: the same kind label as the console, the day of the upgrade, the days it charged.
      const upgrade = page.getByTestId('invoice-row').filter({ hasText: 'Upgrade (prorated)' });
      await upgrade.getByRole('button', { name: /expand/i }).click();
      const upgradeDetail = page.getByTestId('invoice-detail').filter({ hasText: 'Upgraded on' });
      await upgradeDetail.getByTestId('invoice-line').first().waitFor();
      expect(squash(await upgradeDetail.getByTestId('invoice-period').textContent())).to.match(/^Upgraded on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      const prorated = squash(await upgradeDetail.locator('[data-testid="invoice-line"][data-type="proration"]').getByTestId('invoice-line-period').textContent());
      expect(prorated.endsWith(squash(usDate.format(ended.end)))).to.equal(true, prorated);
    } finally {
      await page.context().close();
      clock.reset();
    }
  });

  it('a British reader sees the invoice period day first', async () => {
    const page = await newPage({ locale: 'en-GB' });
    try {
      await signIn(page, 'portal', 'polly.period@example.com');
      await page.getByTestId('current-user-name').waitFor();
      await page.goto(`${baseUrl}/portal/billing`);
      await page.getByTestId('invoice-row').filter({ hasText: 'Monthly' }).getByRole('button', { name: /expand/i }).click();
      const period = squash(await page.getByTestId('invoice-detail').getByTestId('invoice-period').textContent());
      expect(period).to.match(/^Closes the billing period \d{1,2}( [A-Z][a-z]{2,4})?( \d{4})? – \d{1,2} [A-Z][a-z]{2,4} \d{4}$/);
    } finally {
      await page.context().close();
    }
  });

  it('finding messages show the identifiers they quote as inline code', async () => {
    const email = 'cody.code@example.com';
    const user = await makeUser({ name: 'Cody Code', email });
    const project = await makeProject(user.id, { name: 'Secrets' });
    const snippet = await makeSnippet(user.id, project.id, "const dbPassword = 'hunter2-please-change';\nexport { dbPassword };\n");
    const page = await newPage();
    try {
      await signIn(page, 'portal', email);
      await page.getByTestId('current-user-name').waitFor();
      const started = await page.request.post(`${baseUrl}/api/projects/${project.id}/analyses`, { data: { snippetId: snippet.id, type: 'bugs' } });
      expect(started.status()).to.equal(202);
      const { id } = (await started.json()) as { id: string };

      await page.goto(`${baseUrl}/portal/analyses/${id}`);
      const message = page.getByTestId('finding-row').first().getByTestId('finding-message');
      await message.waitFor({ timeout: 30_000 });
      expect(await message.locator('code').allInnerTexts()).to.deep.equal(['dbPassword']);
      expect(await message.innerText()).to.match(/^Hard-coded secret assigned to dbPassword; load it/);
      const annotated = page.getByTestId('annotated-code').getByTestId('finding-message');
      expect(await annotated.locator('code').allInnerTexts()).to.deep.equal(['dbPassword']);
      expect(await page.getByTestId('annotated-code').innerText()).not.to.include('`');
      await screenshot(page, 'portal-finding-inline-code');
    } finally {
      await page.context().close();
    }
  });

  it('a new ticket is a plain create page with a back button; the ticket shows priority support, not a plan', async () => {
    const email = 'priya.priority@example.com';
    const user = await makeUser({ name: 'Priya Priority', email });
    await makeSubscription(user.id, { tier: 'professional' });
    const page = await newPage();
    try {
      await signIn(page, 'portal', email);
      await page.getByTestId('current-user-name').waitFor();
      await page.goto(`${baseUrl}/portal/support`);
      await page.goto(`${baseUrl}/portal/support/new`);
      await page.getByRole('heading', { name: 'New support ticket' }).waitFor();
      expect(await page.locator('main .ant-card').count()).to.equal(1);
      await screenshot(page, 'portal-ticket-create');
      await page.getByLabel('Subject').fill('Invoice shows two plan fees');
      await page.getByLabel('Description').fill('Which period does each fee pay for?');
      await page.getByRole('button', { name: 'Submit ticket' }).click();
      await page.waitForURL(/\/portal\/support\/[0-9a-f-]{36}$/);
      await page.getByTestId('ticket-priority-support').waitFor();
      expect(await page.getByText('Plan', { exact: true }).count()).to.equal(0);

      // The back button returns to where the customer came from.
      await page.goto(`${baseUrl}/portal/support/new`);
      await page.locator('.ant-page-header-back-button').click();
      await page.waitForURL(/\/portal\/support\/[0-9a-f-]{36}$/);

      await page.goto(`${baseUrl}/portal/intakes`);
      await page.getByRole('heading', { name: 'Intakes', exact: true }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
