import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { suspendUser } from '../src/modules/admin/users/suspend-user.service';
import { assignTicket } from '../src/modules/support/services/assign-ticket.service';
import { createTicket } from '../src/modules/support/services/create-ticket.service';
import { updateTicket } from '../src/modules/support/services/update-ticket.service';
import { makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const PHONE = { width: 390, height: 844 };

/** Whether an element lies wholly inside the viewport's width. */
async function fitsWidth(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await selector.boundingBox();
  const width = page.viewportSize()!.width;
  return !!box && box.x >= 0 && box.x + box.width <= width;
}

describe('console polish (browser)', () => {
  let ops: Page;
  let customerId: string;
  const opsActor = { id: '', email: 'polish.ops.e2e@example.com', ip: '203.0.113.9', userAgent: 'e2e' };

  before(async () => {
    const admin = await makeUser({ name: 'Polly Ops', email: opsActor.email, role: 'super_admin' });
    opsActor.id = admin.id;
    await makeUser({ name: 'Bill Ledger', email: 'polish.billing.e2e@example.com', role: 'billing_admin' });
    const customer = await makeUser({ name: 'Ada Polish', email: 'ada.polish.e2e@example.org' });
    customerId = customer.id;
    ops = await newPage();
    await signIn(ops, 'admin', opsActor.email);
    await ops.getByTestId('header-user').waitFor();
  });

  after(async () => ops?.context().close());

  it('menu labels are in sentence case, like the page headings', async () => {
    const menu = ops.locator('.ant-layout-sider .ant-menu');
    await menu.getByRole('link', { name: 'Support tickets', exact: true }).waitFor();
    await menu.getByRole('link', { name: 'System monitoring', exact: true }).waitFor();
    await menu.getByRole('link', { name: 'Logs & audit trail', exact: true }).click();
    await ops.getByRole('heading', { name: 'Logs & audit trail', exact: true }).waitFor();
  });

  it('recent activity and the audit trail read as words and names, not codes and JSON', async () => {
    await suspendUser(opsActor, customerId, 'Chargeback fraud');

    await ops.goto(`${baseUrl}/admin/`);
    const activity = ops.getByTestId('dashboard-activity');
    const latest = activity.locator('.ant-list-item').first();
    await latest.getByText('User suspended').waitFor();
    await latest.getByRole('link', { name: 'Ada Polish' }).waitFor();
    expect(await activity.innerText()).to.not.match(/user\.suspended|support_ticket\./);
    await screenshot(ops, 'console-dashboard-activity');

    await latest.getByRole('link', { name: 'Ada Polish' }).click();
    await ops.waitForURL(`${baseUrl}/admin/users/${customerId}`);

    await ops.goto(`${baseUrl}/admin/audit-log`);
    const row = ops.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.getByText('User suspended').waitFor();
    await row.getByRole('link', { name: 'Ada Polish' }).waitFor();
    await row.locator('time').click();
    const changes = ops.locator('.ant-table-expanded-row').first();
    const status = changes.locator('tr', { hasText: 'Status' });
    await status.getByText('Active', { exact: true }).waitFor();
    await status.getByText('Suspended', { exact: true }).waitFor();
    await changes.locator('tr', { hasText: 'Reason' }).getByText('Chargeback fraud').waitFor();
    expect(await changes.innerText()).to.not.contain('{');
    await screenshot(ops, 'console-audit-changes');
  });

  it('the audit trail names actors and assignees, and says which of a ticket\'s fields changed', async () => {
    const agent = await makeUser({ name: 'Sam Support', email: 'polish.agent.e2e@example.com', role: 'support_admin' });
    const ticket = await createTicket({ customerId, subject: 'Audit wording', description: 'Which field changed?' });
    await assignTicket(opsActor, ticket.id, null); // whoever round-robin chose
    await assignTicket(opsActor, ticket.id, agent.id);
    await updateTicket(opsActor, ticket.id, { priority: 'urgent' });

    await ops.goto(`${baseUrl}/admin/audit-log?pageSize=20&current=1`);
    const rows = ops.locator('.ant-table-tbody tr.ant-table-row');
    const priority = rows.first();
    await priority.getByText('Ticket priority changed').waitFor();
    await priority.getByRole('link', { name: 'Polly Ops' }).waitFor();
    await priority.getByText(opsActor.email).waitFor();

    const assigned = rows.filter({ hasText: 'Ticket assigned' }).first();
    await assigned.locator('time').click();
    const changes = ops.locator('.ant-table-expanded-row').first();
    await changes.locator('tr', { hasText: 'Assignee' }).getByText('Sam Support').waitFor();
    expect(await changes.innerText()).to.not.contain(agent.id);
    await screenshot(ops, 'console-audit-assignee');

    await ops.goto(`${baseUrl}/admin/`);
    await ops.getByTestId('dashboard-activity').locator('.ant-list-item').first().getByText('Polly Ops').waitFor();
  });

  it('a billing admin sees no empty Actions card on a user page; a super admin sees the actions', async () => {
    const billing = await newPage();
    await signIn(billing, 'admin', 'polish.billing.e2e@example.com');
    await billing.getByTestId('header-user').waitFor();
    await billing.goto(`${baseUrl}/admin/users/${customerId}`);
    await billing.getByText('Only super admins can change admin roles.').waitFor();
    expect(await billing.locator('.ant-card-head-title', { hasText: /^Actions$/ }).count()).to.equal(0);
    await screenshot(billing, 'console-user-billing-admin');
    await billing.context().close();

    await ops.goto(`${baseUrl}/admin/users/${customerId}`);
    const actions = ops.locator('.ant-card', { has: ops.locator('.ant-card-head-title', { hasText: /^Actions$/ }) });
    await actions.getByRole('button', { name: 'Reactivate' }).waitFor();
  });

  it('a missing error group offers the way back to the errors list, not a retry', async () => {
    await ops.goto(`${baseUrl}/admin/errors/${randomUUID()}`);
    await ops.getByText('Error group not found').waitFor();
    expect(await ops.getByRole('button', { name: 'Retry' }).count()).to.equal(0);
    await ops.getByRole('button', { name: 'All errors' }).click();
    await ops.waitForURL(`${baseUrl}/admin/errors`);
  });

  describe('on a phone', () => {
    let phone: Page;

    before(async () => {
      phone = await newPage();
      await phone.setViewportSize(PHONE);
      await signIn(phone, 'admin', opsActor.email);
      await phone.getByTestId('header-user').waitFor();
    });

    after(async () => phone?.context().close());

    it('the menu opens from the header, and no floating button covers the page', async () => {
      await phone.goto(`${baseUrl}/admin/system`);
      await phone.getByRole('heading', { name: 'System monitoring' }).waitFor();
      await phone.mouse.wheel(0, 800);
      const button = phone.getByRole('button', { name: 'Open the menu' });
      const header = await phone.locator('header').first().boundingBox();
      const box = await button.boundingBox();
      expect(box, 'menu button shown').to.not.equal(null);
      expect(box!.y + box!.height, 'menu button inside the header').to.be.at.most(header!.y + header!.height);
      // Refine's own drawer button is fixed over the page's top left corner
      for (const floating of await phone.locator('button[style*="position: fixed"]').all()) {
        expect(await floating.isVisible(), 'a floating button over the page').to.equal(false);
      }

      await button.click();
      const drawer = phone.locator('.ant-drawer-content');
      await drawer.getByRole('menuitem', { name: 'Errors' }).click();
      await phone.waitForURL(`${baseUrl}/admin/errors`);
      await drawer.waitFor({ state: 'hidden' });
      await screenshot(phone, 'console-phone-errors');
    });

    it('the roles matrix keeps the permission column pinned and a role column on screen', async () => {
      await phone.goto(`${baseUrl}/admin/settings/roles`);
      const firstCheckbox = phone.getByLabel('Super admin: audit.read');
      await firstCheckbox.waitFor();
      expect(await fitsWidth(phone, phone.getByText('audit.read', { exact: true })), 'permission key on screen').to.equal(true);
      expect(await fitsWidth(phone, firstCheckbox), 'first role checkbox on screen').to.equal(true);
      await screenshot(phone, 'console-phone-roles');
    });
  });
});
