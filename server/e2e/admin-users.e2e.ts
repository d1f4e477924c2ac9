import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { baseUrl, newPage, screenshot } from './support/root-hooks';

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
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('E-mail').fill('plain.customer@example.org');
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
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
    expect(await rows.count()).to.equal(20); // first page of 28 users
    await page.getByText('28 users').waitFor();

    await page.getByTestId('users-search').fill('grace.hopper@navy');
    await page.getByTestId('users-search').press('Enter');
    await page.waitForFunction("document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1");
    await rows.first().getByText('grace.hopper@navy.example').waitFor();
    await screenshot(page, 'admin-users-search');

    await rows.first().getByText('Grace Hopper').click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await page.getByText('COBOL compiler').waitFor();
    await screenshot(page, 'admin-user-detail');
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
      await page.goto(`${baseUrl}/admin/login`);
      await page.getByLabel('E-mail').fill('support.e2e@example.com');
      await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
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
      await page.goto(`${baseUrl}/admin/login`);
      await page.getByLabel('E-mail').fill('billing.e2e@example.com');
      await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
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
