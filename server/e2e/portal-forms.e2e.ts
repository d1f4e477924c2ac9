import { expect } from 'chai';
import type { Page, Route } from 'playwright-core';
import { Invoice } from '../src/modules/billing/billing.models';
import { clock } from '../src/lib/clock';
import { makeSubscription } from '../test/support/billing-factories';
import { makeProject, makeSnippet, makeUser } from '../test/support/factories';
import { apiSignIn, baseUrl, closeTestPage, newPage, screenshot, watchRequests } from './support/root-hooks';

const DAY = 86_400_000;

/** Holds the page's next request of this method to this path until `release()` is called. */
async function holdNext(page: Page, method: string, path: string): Promise<{ release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${baseUrl}${path}`, async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    await released;
    await route.fallback();
  });
  return { release };
}

describe('portal forms and destructive actions (browser)', function () {
  this.timeout(120_000);
  let page: Page;
  afterEach(async function () {
    await closeTestPage(this.currentTest, page);
  });

  it('the snippet drawer asks before Esc, the close button or Cancel throw typed code away', async () => {
    const email = 'dora.drawer.e2e@example.com';
    const user = await makeUser({ name: 'Dora Drawer', email });
    const project = await makeProject(user.id, { name: 'Drafts' });
    page = await newPage();
    await apiSignIn(page, email);
    await page.goto(`${baseUrl}/portal/projects/${project.id}`);

    const drawer = page.locator('.ant-drawer-content-wrapper');
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });

    // nothing typed: Esc closes at once
    await page.getByRole('button', { name: 'Add snippet' }).first().click();
    await page.getByLabel('Filename').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await discard.count()).to.equal(0);

    await page.getByRole('button', { name: 'Add snippet' }).first().click();
    await page.getByLabel('Filename').fill('src/ledger.ts');
    await page.getByTestId('snippet-code').fill('export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n');

    // Esc in the code only lets Tab leave it: the drawer stays, nothing is asked
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('snippet-code').evaluate((el) => el === el.ownerDocument.activeElement), 'Tab left the code').to.equal(false);
    expect(await discard.count()).to.equal(0);
    expect(await drawer.isVisible()).to.equal(true);

    await page.getByLabel('Filename').focus();
    await page.keyboard.press('Escape');
    await discard.getByText('This snippet has not been added yet').waitFor();
    await screenshot(page, 'portal-forms-discard-snippet');
    // Enter answers the safe way: the code stays
    await page.keyboard.press('Enter');
    await discard.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Filename').inputValue()).to.equal('src/ledger.ts');
    expect(await page.getByTestId('snippet-code').inputValue()).to.include('xs.reduce');

    await drawer.getByRole('button', { name: 'Close' }).click();
    await discard.getByRole('button', { name: 'Keep editing' }).click();
    await discard.waitFor({ state: 'hidden' });

    await drawer.getByRole('button', { name: 'Cancel' }).click();
    await discard.getByRole('button', { name: 'Discard' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText('No snippets yet').waitFor();
  });

  it('names, e-mails and subjects the API would refuse are caught on the field before any request; Save spins while saving', async () => {
    const email = 'lena.lengths.e2e@example.com';
    await makeUser({ name: 'Lena Lengths', email });
    page = await newPage();
    await apiSignIn(page, email);
    const tooLong = 'N'.repeat(121); // the API allows 120 characters for these names

    // project
    const projectPosts = watchRequests(page, 'POST', '/api/projects');
    await page.goto(`${baseUrl}/portal/projects/create`);
    await page.getByLabel('Name').fill(tooLong);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Use at most 120 characters').waitFor();
    expect(projectPosts.length, 'no request for a name the API refuses').to.equal(0);

    const held = await holdNext(page, 'POST', '/api/projects');
    await page.getByLabel('Name').fill('Ledger');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.refine-save-button.ant-btn-loading').waitFor();
    held.release();
    await page.waitForURL(/\/portal\/projects\/[0-9a-f-]{36}$/);
    expect(projectPosts.length).to.equal(1);

    // intake
    const intakePosts = watchRequests(page, 'POST', '/api/intakes');
    await page.goto(`${baseUrl}/portal/intakes/create`);
    await page.getByLabel('Customer name').fill(tooLong);
    await page.getByLabel('Company').fill(tooLong);
    await page.getByLabel('E-mail').fill('buyer@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Use at most 120 characters').nth(1).waitFor();
    expect(intakePosts.length).to.equal(0);

    // profile
    const profilePatches = watchRequests(page, 'PATCH', '/api/auth/me');
    await page.goto(`${baseUrl}/portal/account`);
    await page.getByLabel('Name').fill(tooLong);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Use at most 120 characters').waitFor();
    expect(profilePatches.length).to.equal(0);
    // what a password change does to the other sessions is said before it is done
    await page.getByText('Changing it signs you out on your other devices').waitFor();

    // support ticket: a subject of spaces only
    const ticketPosts = watchRequests(page, 'POST', '/api/support/tickets');
    await page.goto(`${baseUrl}/portal/support/new`);
    await page.getByLabel('Subject').fill('     ');
    await page.getByLabel('Description').fill('The export button does nothing.');
    await page.getByLabel('Error id (optional)').fill('not an id!');
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.getByText('Please enter a subject').waitFor();
    await page.getByText('Letters, digits and . _ : - only').waitFor();
    expect(ticketPosts.length).to.equal(0);
  });

  it('deleting a snippet or a project names what goes, and a failed payment is charged only once its amount is confirmed', async () => {
    const email = 'della.delete.e2e@example.com';
    const user = await makeUser({ name: 'Della Delete', email });
    const project = await makeProject(user.id, { name: 'Old ledger' });
    await makeSnippet(user.id, project.id);
    const subscription = await makeSubscription(user.id, { tier: 'professional' });
    const now = clock.now().getTime();
    const failed = await Invoice.create({
      subscriptionId: subscription.id,
      kind: 'regular',
      periodStart: new Date(now - 30 * DAY),
      periodEnd: new Date(now),
      subtotalCents: 123_456,
      totalCents: 123_456,
      status: 'failed',
      nextAttemptAt: new Date(now + 3 * DAY),
    });
    page = await newPage();
    await apiSignIn(page, email);

    // project: its name and what goes with it
    await page.goto(`${baseUrl}/portal/projects/${project.id}`);
    await page.getByRole('button', { name: /\bDelete$/ }).click();
    const confirmProject = page.locator('.ant-popconfirm').filter({ hasText: 'Delete Old ledger?' });
    await confirmProject.getByText('Its 1 snippet and 0 analyses are deleted with it').waitFor();
    await confirmProject.getByRole('button', { name: 'Cancel' }).click();
    await confirmProject.waitFor({ state: 'hidden' });

    // snippet: its name, what happens to its analyses, and the list without it afterwards; the trash button's
    // tooltip steps aside rather than cover the confirmation's buttons
    const trash = page.getByRole('button', { name: 'Delete snippet' });
    const tooltip = page.locator('.ant-tooltip').filter({ hasText: 'Delete snippet' });
    await trash.hover();
    await tooltip.waitFor();
    await trash.click();
    const confirmSnippet = page.locator('.ant-popconfirm').filter({ hasText: 'Delete add.js?' });
    await confirmSnippet.getByText('past analyses of it keep their scores and findings').waitFor();
    await tooltip.waitFor({ state: 'hidden' });
    await confirmSnippet.getByRole('button', { name: 'Delete snippet' }).click();
    await page.getByText('No snippets yet').waitFor();

    // retry payment: the amount first, the charge only on "Pay now"
    const retries = watchRequests(page, 'POST', `/api/billing/invoices/${failed.id}/retry`);
    await page.goto(`${baseUrl}/portal/billing`);
    const row = page.locator(`[data-testid="invoice-row"][data-number="${failed.number}"]`);
    await row.getByTestId('invoice-retry').click();
    const confirmCharge = page.locator('.ant-popconfirm').filter({ hasText: 'Charge $1,234.56 to your default card?' });
    await confirmCharge.getByText(`This pays ${failed.number}.`).waitFor();
    expect(retries.length, 'nothing charged before the confirmation').to.equal(0);
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/billing/invoices/${failed.id}/retry`));
    await confirmCharge.getByRole('button', { name: 'Pay now' }).click();
    await answered;
    expect(retries.length).to.equal(1);
    await screenshot(page, 'portal-forms-retry-confirm');
  });

  it('a reply being written to a ticket is still there after a look at another page, and goes once sent', async () => {
    const email = 'rory.reply.e2e@example.com';
    await makeUser({ name: 'Rory Reply', email });
    page = await newPage();
    await apiSignIn(page, email);
    const created = await page.request.post(`${baseUrl}/api/support/tickets`, { data: { subject: 'Invoice PDF is blank', description: 'The PDF of my last invoice has no pages.' } });
    expect(created.status()).to.equal(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto(`${baseUrl}/portal/support/${id}`);
    const box = page.getByLabel('Your reply');
    await box.fill('It happens in Firefox too.');
    await page.goto(`${baseUrl}/portal/projects`);
    await page.goto(`${baseUrl}/portal/support/${id}`);
    expect(await box.inputValue()).to.equal('It happens in Firefox too.');

    await page.getByRole('button', { name: /Send/ }).click();
    await page.getByText('It happens in Firefox too.', { exact: true }).waitFor();
    for (let i = 0; i < 50 && (await box.inputValue()) !== ''; i++) await page.waitForTimeout(100);
    expect(await box.inputValue(), 'sent: the box is empty').to.equal('');
    await page.reload();
    await page.getByText('Invoice PDF is blank').first().waitFor();
    expect(await box.inputValue(), 'and stays empty').to.equal('');
  });
});
