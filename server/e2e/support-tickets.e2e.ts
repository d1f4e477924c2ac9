import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeUser } from '../test/support/factories';
import { makeSubscription } from '../test/support/billing-factories';
import { CannedResponse, SupportAgent } from '../src/modules/support/support.models';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const NOTE = 'Checked the logs: worker restart at 02:00 caused it';

describe('support tickets (browser)', () => {
  let customer: Page;
  let agent: Page;
  let ticketPath = '';

  before(async () => {
    const sara = await makeUser({ name: 'Sara Support', email: 'support@example.com', role: 'support_admin' });
    await SupportAgent.create({ userId: sara.id, active: true, maxOpenTickets: 10 });
    await CannedResponse.create({ title: 'Fixed — please confirm', content: 'Hi {{customer.first_name}}, we fixed {{ticket.number}}. — {{agent.name}}', createdBy: sara.id });
    const casey = await makeUser({ name: 'Casey Jones', email: 'casey.support.e2e@example.com' });
    await makeSubscription(casey.id, { tier: 'professional' });
    customer = await newPage();
    agent = await newPage();
  });

  after(async () => {
    await customer.context().close();
    await agent.context().close();
  });

  it('a customer opens a ticket from an error reference (pre-filled form)', async () => {
    await signIn(customer, 'portal', 'casey.support.e2e@example.com');
    await customer.getByTestId('current-user-name').waitFor();

    await customer.goto(`${baseUrl}/portal/support/new?errorId=err_e2e_42&subject=${encodeURIComponent('Analysis failed')}`);
    expect(await customer.getByLabel('Subject').inputValue()).to.equal('Analysis failed');
    expect(await customer.getByLabel('Error id (optional)').inputValue()).to.equal('err_e2e_42');
    await customer.getByRole('button', { name: 'Submit ticket' }).click();
    await customer.getByText('Please describe the problem').waitFor(); // required field, client-side
    await customer.getByLabel('Description').fill('My analysis stopped with an error.');
    await customer.getByRole('button', { name: 'Submit ticket' }).click();
    await customer.waitForURL(/\/portal\/support\/[0-9a-f-]{36}$/);
    ticketPath = new URL(customer.url()).pathname;
    await customer.getByText('Priority support').waitFor();
    await screenshot(customer, 'portal-support-new-ticket');
  });

  it('the support agent answers with a canned response, adds an internal note and resolves it', async () => {
    await signIn(agent, 'admin', 'support@example.com');
    await agent.getByTestId('header-user').getByText('Sara Support').waitFor();

    await agent.goto(`${baseUrl}/admin/support-tickets`);
    const row = agent.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Analysis failed' });
    await row.waitFor();
    await row.getByText('Sara Support').waitFor();
    await row.getByText(/First response in/).waitFor();
    await screenshot(agent, 'admin-support-queue');
    await row.getByRole('link', { name: 'Analysis failed' }).click();
    await agent.waitForURL(/\/admin\/support-tickets\/[0-9a-f-]{36}$/);
    await agent.getByText('err_e2e_42').waitFor();
    // The trail names the ticket (home, section, subject) instead of Refine's "Show".
    const crumbs = agent.locator('.ant-page-header .ant-breadcrumb li:not(.ant-breadcrumb-separator)');
    expect((await crumbs.allInnerTexts()).map((t) => t.trim())).to.deep.equal(['', 'Support tickets', 'Analysis failed']);

    await agent.getByRole('combobox', { name: 'Insert a canned response' }).click();
    await agent.locator('.ant-select-item-option', { hasText: 'Fixed — please confirm' }).click();
    const box = agent.getByLabel('Message');
    // polled from here: the console's CSP forbids the evaluated strings page.waitForFunction polls with
    for (let i = 0; i < 75 && !(await box.inputValue()).includes('we fixed T-'); i++) await agent.waitForTimeout(200);
    expect(await box.inputValue()).to.match(/^Hi Casey, we fixed T-\d{6}\. — Sara Support$/);
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByTestId('message').filter({ hasText: 'we fixed' }).waitFor();

    await agent.getByRole('switch', { name: 'Internal note' }).click();
    await box.fill(NOTE);
    await agent.getByRole('button', { name: 'Add note' }).click();
    const note = agent.getByTestId('internal-note').filter({ hasText: NOTE });
    await note.waitFor();
    await note.getByText('Internal note').waitFor();
    const background = await note.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(background).to.equal('rgb(255, 251, 230)'); // notes are yellow

    await agent.getByRole('button', { name: 'Resolve' }).click();
    await agent.locator('.ant-popconfirm').getByRole('button', { name: 'Resolve' }).click();
    await agent.getByText('Ticket resolved').waitFor();
    await agent.locator('.ant-select-selection-item', { hasText: 'Resolved' }).waitFor();
    await screenshot(agent, 'admin-support-ticket');
  });

  it('the customer sees the reply (never the note) and rates the help', async () => {
    await customer.goto(`${baseUrl}${ticketPath}`);
    await customer.getByText(/we fixed T-\d{6}/).waitFor();
    await customer.getByText('Resolved').first().waitFor();
    expect(await customer.getByText(NOTE).count()).to.equal(0);
    await customer.getByText('How did we do?').waitFor();
    await customer.locator('.ant-rate-star').nth(3).click();
    await customer.getByLabel('Rating comment').fill('Fast fix, thanks!');
    await customer.getByRole('button', { name: 'Submit rating' }).click();
    await customer.getByText('Your rating', { exact: true }).waitFor();
    await customer.getByText('“Fast fix, thanks!”').waitFor();
    await screenshot(customer, 'portal-support-ticket');

    await customer.goto(`${baseUrl}/portal/support`);
    await customer.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Analysis failed' }).getByText('Resolved').waitFor();
    await screenshot(customer, 'portal-support-list');
  });

  it('the agent manages canned responses (server-side placeholder check shown on the field) and sees the SLA targets', async () => {
    await agent.goto(`${baseUrl}/admin/support-tickets`);
    await agent.getByRole('button', { name: 'Canned responses & SLAs' }).click();
    await agent.waitForURL(/\/admin\/support-settings$/);
    await agent.getByText('Fixed — please confirm').waitFor();
    await agent.getByRole('button', { name: 'New response' }).click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Follow-up');
    await dialog.getByLabel('Text').fill('Hi {{customer.nmae}}, any news?');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Unknown placeholder: {{customer.nmae}}').waitFor();
    await dialog.getByLabel('Text').fill('Hi {{customer.first_name}}, any news?');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await agent.getByText('Canned response saved').waitFor();
    await agent.locator('.ant-table-row', { hasText: 'Follow-up' }).waitFor();
    await screenshot(agent, 'admin-support-canned');
    await agent.getByRole('tab', { name: 'SLA policies' }).click();
    await agent.getByLabel('urgent first response minutes').waitFor();
    expect(await agent.getByLabel('urgent first response minutes').inputValue()).to.equal('60');
    await screenshot(agent, 'admin-support-sla');
    await agent.getByRole('tab', { name: 'Agents' }).click();
    const rotation = agent.getByRole('switch', { name: 'Sara Support in rotation' });
    expect(await rotation.getAttribute('aria-checked')).to.equal('true');
    await rotation.click();
    await agent.getByText('Agent updated').waitFor();
    // the switch follows the refetched list, which may land just after the notice
    await agent.getByRole('switch', { name: 'Sara Support in rotation', checked: false }).waitFor();
    await screenshot(agent, 'admin-support-agents');
  });

  it('the agent opens a ticket on behalf of a customer', async () => {
    await agent.goto(`${baseUrl}/admin/support-tickets`);
    await agent.getByRole('button', { name: 'New ticket' }).click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Open ticket' }).click();
    await dialog.getByText('Choose the customer').waitFor();
    await dialog.getByRole('combobox', { name: 'Customer' }).fill('casey');
    await agent.locator('.ant-select-item-option', { hasText: 'casey.support.e2e@example.com' }).click();
    await dialog.getByLabel('Subject').fill('Called about invoices');
    await dialog.getByLabel('Description').fill('Wants a copy of the last three invoices.');
    await dialog.getByRole('button', { name: 'Open ticket' }).click();
    await agent.waitForURL(/\/admin\/support-tickets\/[0-9a-f-]{36}$/);
    await agent.getByText(/T-\d{6} · Called about invoices/).waitFor();
  });
});
