import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

async function consoleSignIn(page: Page, email: string, name: string): Promise<void> {
  await signIn(page, 'admin', email);
  await page.getByTestId('header-user').getByText(name).waitFor();
}

describe('suspending a user (browser)', () => {
  it('an ops admin suspends a customer, whose open portal page goes to the sign-in page on its next request', async () => {
    const customer = await makeUser({ name: 'Mallory Mischief', email: 'mallory.e2e@example.com' });
    await makeProject(customer.id, { name: 'Suspicious project' });
    await makeUser({ name: 'Olga Ops', email: 'olga.e2e@example.com', role: 'super_admin' });

    const portal = await newPage();
    const ops = await newPage();
    try {
      await signIn(portal, 'portal', 'mallory.e2e@example.com');
      await portal.getByTestId('current-user-name').waitFor();
      await portal.getByText('Suspicious project').first().waitFor();

      await consoleSignIn(ops, 'olga.e2e@example.com', 'Olga Ops');
      await ops.goto(`${baseUrl}/admin/users/${customer.id}`);
      await ops.getByRole('button', { name: /Suspend/ }).click();
      const dialog = ops.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Suspend' }).click();
      await dialog.getByText('Say why (at least 3 characters)').waitFor(); // the reason is required
      await dialog.getByLabel('Reason (kept in the audit trail)').fill('Card testing from many IPs');
      await screenshot(ops, 'admin-suspend-dialog');
      await dialog.getByRole('button', { name: 'Suspend' }).click();
      await ops.getByText('is suspended and signed out everywhere').waitFor();
      await ops.locator('.ant-descriptions').getByText('suspended', { exact: true }).waitFor();
      await ops.getByRole('button', { name: 'Reactivate' }).waitFor();
      await ops.getByRole('tab', { name: 'Audit' }).click();
      await ops.getByText('Card testing from many IPs').waitFor();
      await screenshot(ops, 'admin-suspend-done');

      // The customer's page is still open; its next request meets the ended session.
      await portal.getByRole('menuitem', { name: 'Billing' }).click();
      await portal.waitForURL(/\/portal\/login/);
      await portal.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(portal, 'portal-after-suspension');

      // And signing in again is refused with the reason.
      await portal.getByLabel('E-mail').fill('mallory.e2e@example.com');
      await portal.getByLabel('Password').fill(DEFAULT_PASSWORD);
      await portal.getByRole('button', { name: 'Sign in' }).click();
      await portal.getByText('This account is suspended').waitFor();
    } finally {
      await portal.context().close();
      await ops.context().close();
    }
  });

  it('a support admin views the portal as a customer (read-only, with a banner) and stops', async () => {
    const customer = await makeUser({ name: 'Vera Viewed', email: 'vera.e2e@example.com' });
    await makeProject(customer.id, { name: 'Vera project' });
    await makeUser({ name: 'Sid Support', email: 'sid.e2e@example.com', role: 'support_admin' });
    const page = await newPage();
    try {
      await consoleSignIn(page, 'sid.e2e@example.com', 'Sid Support');
      await page.goto(`${baseUrl}/admin/users/${customer.id}`);
      await page.getByRole('button', { name: 'View as customer' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'View as customer' }).click();
      await page.waitForURL(/\/portal\//);
      const banner = page.getByTestId('impersonation-banner');
      await banner.getByText('Viewing as Vera Viewed (vera.e2e@example.com)').waitFor();
      await page.getByText('Vera project').first().waitFor();
      await screenshot(page, 'portal-impersonation-banner');

      await banner.getByRole('button', { name: 'Stop viewing as customer' }).click();
      await page.waitForURL(new RegExp(`/admin/users/${customer.id}$`));
      await page.getByTestId('header-user').getByText('Sid Support').waitFor();
      expect(await page.getByTestId('impersonation-banner').count()).to.equal(0);
    } finally {
      await page.context().close();
    }
  });
});
