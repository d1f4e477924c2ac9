import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { DEFAULT_PASSWORD } from '../test/support/app';
import { baseUrl, newPage, screenshot } from './support/root-hooks';

describe('customer billing (browser)', () => {
  let page: Page;

  before(async () => {
    const user = await makeUser({ name: 'Frugal Fran', email: 'fran.e2e@example.com' });
    for (const name of ['One', 'Two', 'Three']) await makeProject(user.id, { name });
    page = await newPage();
    await page.goto(`${baseUrl}/portal/login`);
    await page.getByLabel('Email').fill('fran.e2e@example.com');
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user-name').waitFor();
  });

  after(async () => page.context().close());

  it('a Free customer at the project limit is told why and where to look', async () => {
    await page.goto(`${baseUrl}/portal/projects/create`);
    await page.getByLabel('Name').fill('Fourth');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByTestId('plan-limit-alert');
    await alert.getByText('Your Free plan allows 3 projects').waitFor();
    await page.getByTestId('plan-limit-see-plans').click();
    await page.waitForURL(/\/portal\/billing/);
    await page.getByTestId('plan-name').getByText('Free').waitFor();
    const projects = page.getByTestId('usage-meter-projects_created');
    await projects.getByText('3 of 3').waitFor();
    expect(await projects.getAttribute('data-state')).to.equal('exception');
  });

  it('adds the test card, which becomes the default; the declined card is refused with a message', async () => {
    await page.getByRole('button', { name: 'Add card' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add card' });
    await dialog.getByLabel('Card number').fill('4000 0000 0000 0002');
    await dialog.getByLabel('Month (MM)').fill('12');
    await dialog.getByLabel('Year (YY)').fill(String((new Date().getFullYear() + 2) % 100));
    await dialog.getByLabel('CVC').fill('123');
    await dialog.getByRole('button', { name: 'Add card' }).click();
    await dialog.getByTestId('add-card-error').waitFor();

    await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
    await dialog.getByRole('button', { name: 'Add card' }).click();
    const card = page.locator('[data-testid="payment-method"][data-last4="4242"]');
    await card.waitFor();
    expect(await card.getAttribute('data-default')).to.equal('true');
    await screenshot(page, 'portal-billing');
  });
});
