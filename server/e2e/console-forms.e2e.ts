import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createTicket } from '../src/modules/support/services/create-ticket.service';
import { SupportTicket } from '../src/modules/support/support.models';
import { makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn, watchRequests } from './support/root-hooks';

describe('console forms and destructive actions (browser)', () => {
  let ops: Page;
  let customerId = '';

  before(async function () {
    this.timeout(90_000);
    await makeUser({ name: 'Fiona Forms', email: 'forms.ops.e2e@example.com', role: 'super_admin' });
    const customer = await makeUser({ name: 'Carl Closable', email: 'carl.forms.e2e@example.com' });
    customerId = customer.id;
    ops = await newPage();
    await signIn(ops, 'admin', 'forms.ops.e2e@example.com');
    await ops.getByTestId('header-user').waitFor();
  });

  after(async () => ops?.context().close());

  it('closing a ticket from the status list asks first and says the customer can no longer reply', async () => {
    const ticket = await createTicket({ customerId, subject: 'Export button does nothing', description: 'Nothing downloads.', priority: 'normal' });
    const patches = watchRequests(ops, 'PATCH', `/api/admin/support/tickets/${ticket.id}`);
    await ops.goto(`${baseUrl}/admin/support-tickets/${ticket.id}`);

    await ops.locator('.ant-select[aria-label="Status"]').click();
    await ops.locator('.ant-select-item-option', { hasText: /^Closed$/ }).click();
    const confirm = ops.getByRole('dialog', { name: /Close T-\d+\?/ });
    await confirm.getByText('can no longer reply').waitFor();
    await screenshot(ops, 'console-forms-close-ticket-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(patches, 'nothing sent on cancel').to.have.length(0);
    expect((await SupportTicket.findByPk(ticket.id))!.status).to.equal('open');

    await ops.locator('.ant-select[aria-label="Status"]').click();
    await ops.locator('.ant-select-item-option', { hasText: /^Closed$/ }).click();
    await confirm.getByRole('button', { name: 'Close ticket' }).click();
    await ops.getByText('Status: Closed').waitFor();
    await ops.getByText('This ticket is closed: only internal notes can be added.').waitFor();
    expect(patches).to.have.length(1);
    expect((await SupportTicket.findByPk(ticket.id))!.status).to.equal('closed');
  });

  it('an SLA resolution target before the first response is marked on its field, and nothing is sent', async () => {
    const patches = watchRequests(ops, 'PATCH', '/api/admin/support/sla-policies');
    await ops.goto(`${baseUrl}/admin/support-settings`);
    await ops.getByRole('tab', { name: 'SLA policies' }).click();
    const first = ops.getByLabel('urgent first response minutes');
    const saved = await first.inputValue();
    await first.fill('5000');
    await ops.getByRole('button', { name: 'Save targets' }).click();

    const resolution = ops.locator('.ant-form-item', { has: ops.getByLabel('urgent resolution minutes') });
    await resolution.locator('.ant-form-item-explain-error', { hasText: 'Resolution cannot be due before the first response' }).waitFor();
    expect(await resolution.getAttribute('class'), 'the field is marked').to.contain('ant-form-item-has-error');
    await screenshot(ops, 'console-forms-sla-field-error');
    expect(patches, 'refused before a request').to.have.length(0);

    // Enter in a target saves once it is consistent; the message goes as soon as the row is edited
    await first.fill('30');
    expect(await resolution.locator('.ant-form-item-explain-error').count()).to.equal(0);
    await first.press('Enter');
    await ops.getByText('SLA targets saved; new tickets use them').waitFor();
    expect(patches).to.have.length(1);

    // the targets are the whole suite's: put the saved one back for the files that follow
    await ops.getByText('SLA targets saved; new tickets use them').waitFor({ state: 'hidden' });
    await first.fill(saved);
    await first.press('Enter');
    await ops.getByText('SLA targets saved; new tickets use them').waitFor();
    expect(patches).to.have.length(2);
  });

  it('a failed account deletion is explained inside the dialog; Enter in the confirmation field deletes', async () => {
    const doomed = await makeUser({ name: 'Dana Doomed', email: 'dana.doomed.e2e@example.com' });
    await ops.goto(`${baseUrl}/admin/users/${doomed.id}`);

    // the server refuses once: the reason shows in the open dialog, not behind its mask
    let refused = false;
    await ops.route(`**/api/admin/users/${doomed.id}`, async (route) => {
      if (route.request().method() !== 'DELETE' || refused) return route.fallback();
      refused = true;
      await route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ statusCode: 409, code: 'busy', message: 'An export of this account is running; try again in a minute.' }) });
    });
    await ops.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = ops.getByRole('dialog', { name: 'Delete this account?' });
    const confirmField = dialog.getByLabel('Type the e-mail to confirm');
    await confirmField.fill('dana.doomed.e2e@example.com');
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    await dialog.getByRole('alert').getByText('An export of this account is running').waitFor();
    await screenshot(ops, 'console-forms-delete-error-in-dialog');

    await confirmField.press('Enter');
    await ops.getByText("The account's personal data is erased.").waitFor();
    await ops.getByText('This account was deleted').waitFor();
  });

  it('turning maintenance on quotes the message customers will get; a refused message is marked on its field', async () => {
    await ops.goto(`${baseUrl}/admin/system`);
    const card = ops.getByTestId('maintenance-card');
    await card.getByLabel('Message for customers').fill('Back at 14:00 UTC after the database upgrade.');
    await card.getByRole('button', { name: 'Turn maintenance on' }).click();
    const confirm = ops.getByRole('dialog', { name: 'Turn maintenance mode on?' });
    await confirm.getByText('Back at 14:00 UTC after the database upgrade.').waitFor();

    await ops.route('**/api/admin/system/maintenance', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ statusCode: 400, message: 'Validation failed', errors: { message: ['Links are not allowed in the message'] } }) });
    });
    await confirm.getByRole('button', { name: 'Turn on' }).click();
    await card.locator('#maintenance-message-error', { hasText: 'Links are not allowed in the message' }).waitFor();
    expect(await card.getByLabel('Message for customers').getAttribute('aria-invalid')).to.equal('true');
    expect(await card.getByText('Validation failed').count(), 'no generic alert when the field says it').to.equal(0);
    await screenshot(ops, 'console-forms-maintenance-field-error');
    await ops.unroute('**/api/admin/system/maintenance');
  });

  it('a refused agent capacity goes back to the saved number', async () => {
    await makeUser({ name: 'Cora Capacity', email: 'cora.capacity.e2e@example.com', role: 'support_admin' });
    await ops.goto(`${baseUrl}/admin/support-settings`);
    await ops.getByRole('tab', { name: 'Agents' }).click();
    const capacity = ops.getByLabel('Cora Capacity capacity');
    const saved = await capacity.inputValue();
    await ops.route('**/api/admin/support/agents/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ statusCode: 400, message: 'Capacity cannot be below the open tickets of this agent.' }) });
    });
    await capacity.fill(saved === '3' ? '4' : '3');
    await capacity.press('Enter');
    await ops.getByText('Capacity cannot be below the open tickets of this agent.').waitFor();
    for (let i = 0; i < 50 && (await capacity.inputValue()) !== saved; i++) await ops.waitForTimeout(100);
    expect(await capacity.inputValue(), 'the saved capacity is back').to.equal(saved);
    await ops.unroute('**/api/admin/support/agents/*');
  });
});
