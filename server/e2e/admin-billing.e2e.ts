import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { clock } from '../src/lib/clock';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { makeUser } from '../test/support/factories';
import { professionalCustomer } from './support/customers';
import { baseUrl, newPage, screenshot, waitForRows } from './support/root-hooks';

/** Signs in on the console's login page, unless the session is still alive (then the page moves on). */
async function consoleSignIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/admin/login`);
  const field = page.getByLabel('E-mail');
  if (await field.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
    await field.fill(email);
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByTestId('header-user').waitFor();
}

async function confirmModal(page: Page, okText: string) {
  await page.locator('.ant-modal-confirm').getByRole('button', { name: okText }).click();
}

describe('billing admin console (browser)', function () {
  // Whole flows (sign-ins, month end, several pages) on a machine shared with other builds.
  this.timeout(150_000);
  after(() => clock.reset());

  it('a billing admin applies a credit that shows on the customer\'s next invoice', async () => {
    const customerPage = await newPage();
    await professionalCustomer(customerPage, 'carla.credit@example.com', 'Carla Credit');
    await customerPage.context().close();
    await makeUser({ name: 'Betty Billing', email: 'betty.billing@example.com', role: 'billing_admin' });

    const page = await newPage();
    try {
      await consoleSignIn(page, 'betty.billing@example.com');
      await page.getByTestId('header-user').getByText('Betty Billing').waitFor();

      // Subscriptions: counts per tier, then the customer found by e-mail.
      await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
      await page.getByTestId('tier-card-professional').getByText('Active').waitFor();
      await page.getByTestId('subscriptions-search').fill('carla.credit');
      await page.getByTestId('subscriptions-search').press('Enter');
      await waitForRows(page, 1);
      await screenshot(page, 'admin-subscriptions');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().getByText('carla.credit@example.com').click();

      // The drawer: apply $25 of credit with a reason, confirmed.
      const drawer = page.getByTestId('subscription-drawer');
      await drawer.getByTestId('credit-balance').getByText('$0.00').waitFor();
      await drawer.getByTestId('apply-credit').click();
      await page.getByRole('dialog', { name: 'Apply credit' }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click(); // empty: the form says what is missing
      await page.getByText('Enter an amount').waitFor();
      await page.getByTestId('credit-amount').fill('25');
      await page.getByTestId('credit-reason').fill('Outage on the analysis service');
      await page.getByRole('button', { name: 'Continue' }).click();
      await confirmModal(page, 'Apply credit');
      await drawer.getByTestId('credit-balance').getByText('$25.00').waitFor();
      await drawer.getByText('Outage on the analysis service').waitFor();
      await screenshot(page, 'admin-subscription-drawer');
      await page.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });

      // Test mode: move the clock past the customer's period end (which ends sessions: sign in again), then run month end.
      await page.getByLabel('Days').fill('32');
      await page.getByTestId('advance-clock').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Advance clock' }).click();
      await page.getByTestId('clock-state').waitFor();
      await consoleSignIn(page, 'betty.billing@example.com');
      await page.goto(`${baseUrl}/admin/subscriptions`);
      await page.getByTestId('run-month-end').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Run month end' }).click();
      await page.getByTestId('month-end-result').getByText('Invoiced').waitFor();

      // Invoices: the new monthly invoice carries the credit line and a total $25 lower.
      await page.getByRole('menuitem', { name: 'Invoices' }).click();
      await page.getByPlaceholder('Number or customer e-mail').fill('carla.credit');
      await page.getByPlaceholder('Number or customer e-mail').press('Enter');
      await waitForRows(page, 2);
      await screenshot(page, 'admin-invoices');
      await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Monthly' }).locator('a').first().click();
      await page.waitForURL(/\/admin\/invoices\/[0-9a-f-]{36}$/);
      const lines = page.getByTestId('invoice-lines');
      await lines.getByText('Account credit applied').waitFor();
      await lines.getByText('-$25.00').first().waitFor();
      await lines.locator('b', { hasText: '$74.00' }).waitFor(); // the total: 9,900 − 2,500 = 7,400 cents
      await page.getByText('Paid', { exact: true }).first().waitFor();
      await screenshot(page, 'admin-invoice-detail');
    } finally {
      await page.context().close();
      clock.reset();
    }
  });

  it('tier configuration shows the server\'s field errors, and an invoice is refunded in part after a confirmation', async () => {
    const customerPage = await newPage();
    await professionalCustomer(customerPage, 'rita.refund@example.com', 'Rita Refund');
    await customerPage.context().close();
    await makeUser({ name: 'Sam Super', email: 'sam.super@example.com', role: 'super_admin' });
    const page = await newPage();
    try {
      await consoleSignIn(page, 'sam.super@example.com');
      await page.goto(`${baseUrl}/admin/subscriptions/tiers`);
      // storage limits read in the units people use (configured in MB: 1,024 → 1 GB)
      const free = page.locator('.ant-table-row').filter({ hasText: 'Free' }).first();
      await free.getByText('1 GB', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Edit Free' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit Free' });
      await dialog.getByText('= 1 GB', { exact: true }).waitFor();
      await dialog.getByLabel('Monthly price (USD)').fill('5');
      await dialog.getByRole('button', { name: 'Save' }).click();
      // with subscribers on Free (other files' customers) the price change is confirmed first
      const confirm = page.getByRole('button', { name: 'Change price' });
      const refused = dialog.getByText('The Free plan must stay at $0');
      await confirm.or(refused).first().waitFor();
      if (await confirm.isVisible()) await confirm.click();
      await refused.waitFor();
      await screenshot(page, 'admin-tiers-edit');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`${baseUrl}/admin/invoices`);
      await page.getByPlaceholder('Number or customer e-mail').fill('rita.refund');
      await page.getByPlaceholder('Number or customer e-mail').press('Enter');
      await waitForRows(page, 1);
      await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
      await page.getByTestId('refund').click();
      const refund = page.getByRole('dialog', { name: /^Refund INV-/ });
      await refund.getByLabel('Amount (USD)').fill('10');
      await refund.getByLabel('Reason').fill('Goodwill after the outage');
      await refund.getByRole('button', { name: 'Continue' }).click();
      await confirmModal(page, 'Refund');
      await page.getByText('Refunded $10.00.').waitFor();
      await page.getByText('Part refunded').waitFor();
      await page.getByText('Goodwill after the outage').waitFor();
      await screenshot(page, 'admin-invoice-refunded');
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
      expect(pdf.suggestedFilename()).to.match(/^INV-[\w-]+\.pdf$/);
    } finally {
      await page.context().close();
    }
  });
});
