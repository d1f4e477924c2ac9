import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { User } from '../src/modules/users/user.models';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { baseUrl, newPage, screenshot, signIn, waitForRows } from './support/root-hooks';


/** Closes the open dialog and waits until it is gone: antd hands focus back to the button that opened it
 * at the end of the closing animation, so typing earlier could land on that button. */
async function closeDialog(page: Page): Promise<void> {
  await page.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();
  const dialogs = page.getByRole('dialog');
  for (let i = 0; i < 50 && (await dialogs.count()) > 0; i++) await page.waitForTimeout(100);
  expect(await dialogs.count()).to.equal(0);
}

describe('operations console (browser)', () => {
  let page: Page;

  before(async () => {
    await makeUser({ name: 'Olivia Ops', email: 'ops.e2e@example.com', role: 'super_admin' });
    for (let i = 1; i <= 25; i++) await makeUser({ name: `Shopper ${i}`, email: `shopper${i}@example.org` });
    const target = await makeUser({ name: 'Grace Hopper', email: 'grace.hopper@navy.example' });
    await makeProject(target.id, { name: 'COBOL compiler' });
    await makeUser({ name: 'Plain Customer', email: 'plain.customer@example.org' });
    page = await newPage();
  });

  after(async () => page.context().close());

  it('refuses a customer account at the console door', async () => {
    await signIn(page, 'admin', 'plain.customer@example.org');
    await page.getByText('This account has no access to the operations console').waitFor();
  });

  it('shows the server\'s message for a wrong password', async () => {
    await page.getByLabel('E-mail').fill('ops.e2e@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Invalid email or password').waitFor();
  });

  it('an admin signs in, finds a user by e-mail and opens their record', async () => {
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('header-user').getByText('Olivia Ops').waitFor();

    await page.goto(`${baseUrl}/admin/users`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(20); // the first page
    // Other browser test files share the database, so the total is whatever it holds now (28 or more).
    const total = await User.count();
    expect(total).to.be.at.least(28);
    await page.getByText(`${total} users`).waitFor();

    await page.getByTestId('users-search').fill('grace.hopper@navy');
    await page.getByTestId('users-search').press('Enter');
    await waitForRows(page, 1);
    await rows.first().getByText('grace.hopper@navy.example').waitFor();
    await screenshot(page, 'admin-users-search');

    await rows.first().getByText('Grace Hopper').click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await page.getByText('COBOL compiler').waitFor();
    await screenshot(page, 'admin-user-detail');
  });

  it('suspends a selection in bulk and shows a result per user, refusals included', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('users-search').fill('shopper1');
    await page.getByTestId('users-search').press('Enter');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await waitForRows(page, 11);
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-actions').getByText('2 selected').waitFor();
    await page.getByTestId('bulk-actions').getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Reason (kept in the audit trail)').fill('Spam sign-ups');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('Suspend: 2 done, 0 refused').waitFor();
    await screenshot(page, 'admin-users-bulk-result');
    await closeDialog(page);
    const suspendedRows = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Suspended' });
    for (let i = 0; i < 50 && (await suspendedRows.count()) !== 2; i++) await page.waitForTimeout(200);
    expect(await suspendedRows.count()).to.equal(2);

    // Suspending the same two again: each is refused with its reason.
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-actions').getByRole('button', { name: 'Suspend' }).click();
    const again = page.getByRole('dialog');
    await again.waitFor();
    await again.getByLabel('Reason (kept in the audit trail)').fill('Again');
    await again.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('Suspend: 0 done, 2 refused').waitFor();
    expect(await page.getByTestId('bulk-results').getByText('This account is already suspended.').count()).to.equal(2);
    await closeDialog(page);
  });

  it('imports customers from CSV, with progress and the refused rows listed', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const csv = ['name,email', 'Imported One,imported.one@example.org', 'No Mail,', 'Grace Again,grace.hopper@navy.example', 'Imported Two,imported.two@example.org'].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const progress = page.getByTestId('import-progress');
    await progress.getByText('4 of 4').waitFor();
    await progress.getByText('2 / 2').waitFor();
    await page.getByTestId('import-errors').getByText('an account with this e-mail already exists').waitFor();
    await page.getByTestId('import-errors').getByText('email is not a valid address').waitFor();
    await screenshot(page, 'admin-users-import');
    await closeDialog(page);
    await page.getByTestId('users-search').fill('imported');
    await page.getByTestId('users-search').press('Enter');
    await waitForRows(page, 2);
  });

  it('exports the filtered list as CSV', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('users-search').fill('imported');
    await page.getByTestId('users-search').press('Enter');
    await waitForRows(page, 2);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('users-export').click()]);
    expect(file.suggestedFilename()).to.match(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    const fs = await import('node:fs/promises');
    const text = await fs.readFile((await file.path())!, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).to.equal('id,name,email,status,role,tier,projectCount,createdAt,lastActiveAt');
    expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).to.deep.equal(['imported.one@example.org', 'imported.two@example.org']);

    // a refused export is told on the page, which stays the console (a plain link would show the raw answer)
    const refusal = { statusCode: 400, code: 'validation_failed', message: 'The export cannot filter on that column.' };
    await page.route('**/api/admin/users/export.csv?*', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify(refusal) }));
    await page.getByTestId('users-export').click();
    await page.getByText(refusal.message).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/admin/users');
    await page.unroute('**/api/admin/users/export.csv?*');
  });

  it('the audit trail lists the suspensions and verifies its hash chain', async () => {
    await page.goto(`${baseUrl}/admin/audit-log`);
    await page.locator('.ant-table-tbody').getByText('user.suspended').first().waitFor();
    await page.getByTestId('verify-chain').click();
    await page.getByText('The chain is intact').waitFor();
    await screenshot(page, 'admin-audit-verify');
    await page.keyboard.press('Escape');
  });

  it('an empty search says so', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('users-search').fill('nobody-by-this-name');
    await page.getByTestId('users-search').press('Enter');
    await page.getByText('No users match these filters').waitFor();
  });
});

describe('console sections follow permissions (browser)', () => {
  it('a support admin, who may read the outbox but not the audit trail, lands on the outbox', async () => {
    await makeUser({ name: 'Sam Support', email: 'support.e2e@example.com', role: 'support_admin' });
    const page = await newPage();
    try {
      await signIn(page, 'admin', 'support.e2e@example.com');
      await page.getByTestId('header-user').getByText('Sam Support').waitFor();
      expect(await page.getByRole('menuitem', { name: 'Settings' }).count()).to.equal(0);
      await page.getByRole('menuitem', { name: 'Logs & Audit Trail' }).click();
      await page.waitForURL(/\/admin\/audit-log\/outbox/);
      await page.getByTestId('outbox-search').waitFor();
    } finally {
      await page.context().close();
    }
  });
});

describe('test-mode billing tools (browser)', () => {
  it('a billing admin runs month end from the Subscriptions page and sees the counts', async () => {
    await makeUser({ name: 'Bill Ing', email: 'billing.e2e@example.com', role: 'billing_admin' });
    const page = await newPage();
    try {
      await signIn(page, 'admin', 'billing.e2e@example.com');
      await page.getByTestId('header-user').getByText('Bill Ing').waitFor();
      await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
      const tools = page.getByTestId('billing-tools');
      await tools.waitFor();
      await page.getByTestId('run-month-end').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /run|ok|yes/i }).click();
      await page.getByTestId('month-end-result').getByText('Examined').waitFor();
    } finally {
      await page.context().close();
    }
  });
});
