import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { db } from '../src/db/sequelize';
import { forgetMaintenanceCache } from '../src/modules/system/maintenance';
import { makeProject, makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const MESSAGE = 'We are upgrading the database. Back at 14:00 UTC.';

describe('system monitoring and maintenance mode (browser)', () => {
  let ops: Page;
  let customer: Page;

  before(async () => {
    forgetMaintenanceCache();
    await makeUser({ name: 'Mona Monitor', email: 'monitor.e2e@example.com', role: 'super_admin' });
    const c = await makeUser({ name: 'Carla Customer', email: 'carla.e2e@example.com' });
    await makeProject(c.id, { name: 'Payments gateway' });
    // an alert the threshold check raised earlier and that is still open
    await db().query(`INSERT INTO monitoring_alerts (metric, threshold, value, last_value, started_at, last_checked_at, notified_at)
      VALUES ('error_rate', 5, 12.5, 9.4, now() - interval '20 minutes', now(), now() - interval '20 minutes')`);
    ops = await newPage();
    customer = await newPage();
  });

  after(async () => {
    await ops.context().close();
    await customer.context().close();
    await db().query('DELETE FROM monitoring_alerts');
  });

  it('an ops admin sees the dashboard and the system monitoring page', async () => {
    await signIn(ops, 'admin', 'monitor.e2e@example.com');
    await ops.getByTestId('dashboard-health').waitFor();
    await ops.getByTestId('kpi-customers').waitFor();
    await ops.getByTestId('kpi-mrr').getByText('$').waitFor();
    await ops.getByTestId('dashboard-activity').waitFor();
    await ops.getByTestId('dashboard-alerts').getByText('1 alert threshold is crossed').waitFor();
    await ops.getByTestId('dashboard-alerts').getByText('9.4% over 5%', { exact: false }).waitFor();
    await screenshot(ops, 'admin-dashboard');

    await ops.getByRole('menuitem', { name: 'System monitoring' }).click();
    await ops.waitForURL(/\/admin\/system$/);
    for (const name of ['database', 'jobQueue', 'search', 'payments', 'mailer']) await ops.getByTestId(`health-${name}`).getByTestId('health-status').waitFor();
    await ops.getByTestId('health-database').getByText('OK', { exact: true }).waitFor();
    // the console's own calls are in the per-route table under their patterns; earlier files' calls fill
    // its first pages, so each is looked up with the table's filter
    for (const route of ['POST /api/auth/login', 'GET /api/admin/dashboard']) {
      await ops.getByLabel('Filter routes').fill(route.split(' ')[1]);
      await ops.getByTestId('performance-table').getByText(route, { exact: true }).waitFor();
    }
    await ops.getByTestId('alert-error_rate').getByText('active').waitFor();
    await screenshot(ops, 'admin-system-monitoring');
  });

  it('the customer works normally before maintenance', async () => {
    await signIn(customer, 'portal', 'carla.e2e@example.com');
    await customer.getByText('Payments gateway').first().waitFor();
    expect(await customer.getByTestId('maintenance-banner').count()).to.equal(0);
  });

  it('the admin turns maintenance mode on with a message, after confirming', async () => {
    const card = ops.getByTestId('maintenance-card');
    await card.getByLabel('Message for customers').fill(MESSAGE);
    await card.getByRole('button', { name: 'Turn maintenance on' }).click();
    const dialog = ops.getByRole('dialog');
    await dialog.locator('.ant-modal-confirm-title', { hasText: 'Turn maintenance mode on?' }).waitFor();
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await card.getByText('on', { exact: true }).waitFor();
    // the console's own banner appears at once, and the admin keeps working
    await ops.getByTestId('maintenance-banner').getByText(MESSAGE).waitFor();
    await ops.getByTestId('health-database').getByText('OK', { exact: true }).waitFor();
    await screenshot(ops, 'admin-maintenance-on');
  });

  it('the portal shows the banner and a customer action gets the message', async () => {
    await customer.reload();
    await customer.getByTestId('maintenance-banner').getByText(MESSAGE).waitFor();
    // the projects list is a customer API call: it is refused with the message
    await customer.goto(`${baseUrl}/portal/projects/create`);
    await customer.getByLabel('Name').fill('During maintenance');
    await customer.getByRole('button', { name: 'Save' }).click();
    await customer.getByText(MESSAGE).nth(1).waitFor();
    expect(customer.url()).to.match(/\/projects\/create$/);
    await screenshot(customer, 'portal-maintenance');
  });

  it('a customer who tries to sign in meanwhile is told why', async () => {
    const other = await newPage();
    await signIn(other, 'portal', 'carla.e2e@example.com');
    // the sign-in card says it (the banner above says it too)
    await other.locator('.ant-card [role=alert]', { hasText: MESSAGE }).waitFor();
    expect(other.url()).to.match(/\/portal\/login/);
    await screenshot(other, 'portal-maintenance-sign-in');
    await other.context().close();
  });

  it('the admin turns it off and the customer works again', async () => {
    const card = ops.getByTestId('maintenance-card');
    await card.getByRole('button', { name: 'Turn maintenance off' }).click();
    await ops.getByRole('dialog').getByRole('button', { name: 'Turn off' }).click();
    await card.getByText('off', { exact: true }).waitFor();
    await ops.getByTestId('maintenance-banner').waitFor({ state: 'detached' });

    await customer.goto(`${baseUrl}/portal/projects`);
    await customer.getByText('Payments gateway').first().waitFor();
    expect(await customer.getByTestId('maintenance-banner').count()).to.equal(0);
  });
});
