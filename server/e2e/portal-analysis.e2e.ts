import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot } from './support/root-hooks';

const CODE = [
  'function checkout(cart) {',
  '  // TODO: apply discounts',
  '  var total = 0;',
  '  for (const item of cart) {',
  '    if (item.price == null) continue;',
  '    total += item.price;',
  '  }',
  '  console.log("total", total);',
  '  return eval("total");',
  '}',
].join('\n');

describe('customer portal (browser)', () => {
  let page: Page;

  before(async () => {
    await makeUser({ email: 'taken.e2e@example.com' });
    page = await newPage();
  });

  after(async () => page.context().close());

  it('shows the server\'s field error when the e-mail is taken', async () => {
    await page.goto(`${baseUrl}/portal/register`);
    await page.getByLabel('Name').fill('Someone');
    await page.getByLabel('E-mail').fill('taken.e2e@example.com');
    await page.getByLabel('Password').fill('a good password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('An account with this e-mail already exists').waitFor();
  });

  it('a customer registers, creates a project, adds a snippet, runs an analysis and sees its findings', async () => {
    await page.getByLabel('E-mail').fill('new.customer@example.com');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByTestId('current-user-name').getByText('Someone').waitFor();

    await page.goto(`${baseUrl}/portal/projects`);
    await page.getByText('No projects yet').waitFor();
    await page.getByRole('button', { name: 'New project' }).first().click();
    await page.getByLabel('Name').fill('Checkout service');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/portal\/projects\/[0-9a-f-]{36}/);
    await page.getByText('Checkout service').first().waitFor();

    await page.getByRole('button', { name: 'Add snippet' }).first().click();
    await page.getByLabel('Filename').fill('checkout.js');
    await page.getByTestId('snippet-code').fill(CODE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('checkout.js').first().waitFor();

    await page.getByRole('button', { name: 'Run analysis' }).first().click();
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await page.locator('[data-testid="analysis-status"][data-status="completed"]').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'portal-project-analyses');

    await page.getByText('checkout.js').first().click();
    await page.waitForURL(/\/portal\/analyses\/[0-9a-f-]{36}/);
    const findings = page.getByTestId('finding-row');
    await findings.first().waitFor();
    const text = (await findings.allInnerTexts()).join('\n');
    expect(text).to.include('no-eval');
    expect(text).to.include('todo-comment');
    expect(text).to.include('no-var');
    await page.getByTestId('annotated-code').waitFor();
    await screenshot(page, 'portal-analysis-findings');
  });
});
