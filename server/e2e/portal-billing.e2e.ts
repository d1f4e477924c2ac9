import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

describe('customer billing (browser)', () => {
  let page: Page;

  before(async () => {
    const user = await makeUser({ name: 'Frugal Fran', email: 'fran.e2e@example.com' });
    for (const name of ['One', 'Two', 'Three']) await makeProject(user.id, { name });
    page = await newPage();
    await signIn(page, 'portal', 'fran.e2e@example.com');
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

  it('upgrades to Professional through the dialog: the amount stated is what the paid invoice shows', async () => {
    await page.getByTestId('invoices-empty').waitFor();
    await page.getByRole('button', { name: 'Upgrade to Professional' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upgrade to Professional' });
    const statement = dialog.getByTestId('upgrade-statement');
    await statement.waitFor();
    const stated = (await dialog.getByTestId('upgrade-amount-now').textContent())!.trim();
    expect(stated).to.match(/^\$\d+\.\d{2}$/);
    const text = (await statement.textContent())!.replace(/\s+/g, ' ');
    const escaped = stated.replace(/[$.]/g, '\\$&');
    expect(text).to.match(new RegExp(`^You will be charged ${escaped} now \\(\\d+ days? left of this period\\), then \\$99\\.00/month from \\w{3} \\d{1,2}, \\d{4}\\.$`));
    await screenshot(page, 'portal-billing-upgrade-dialog');
    await dialog.getByTestId('upgrade-confirm').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('plan-name').getByText('Professional').waitFor();
    const row = page.getByTestId('invoice-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).to.equal('paid');
    expect((await row.getByTestId('invoice-total').textContent())!.trim()).to.equal(stated);
    expect(await page.getByTestId('invoice-row').count()).to.equal(1);
    expect(await page.getByTestId('plan-professional').getAttribute('data-current')).to.equal('true');

    // The row opens to its lines and total.
    await row.getByRole('button', { name: /expand/i }).click();
    const detail = page.getByTestId('invoice-detail');
    await detail.getByText('Free → Professional').waitFor();
    expect((await detail.getByTestId('invoice-detail-total').textContent())!.trim()).to.equal(stated);
    await screenshot(page, 'portal-billing-upgraded');

    // The invoice as a PDF: the button saves a PDF that names the invoice.
    const number = (await row.getAttribute('data-number'))!;
    const [file] = await Promise.all([page.waitForEvent('download'), detail.getByTestId('invoice-pdf').click()]);
    expect(file.suggestedFilename()).to.equal(`${number}.pdf`);
    const fs = await import('node:fs/promises');
    const bytes = await fs.readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(bytes.includes(number)).to.equal(true);

    // a refused download says why, on the page
    await page.route('**/api/billing/invoices/*/pdf', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, message: 'Invoices are being regenerated; try again in a minute.' }) }));
    await detail.getByTestId('invoice-pdf').click();
    await page.getByText('Invoices are being regenerated; try again in a minute.').waitFor();
    await page.unroute('**/api/billing/invoices/*/pdf');
  });

  it('writes money as $ in a British browser too, with its own date format', async () => {
    const uk = await newPage({ locale: 'en-GB' });
    try {
      await signIn(uk, 'portal', 'fran.e2e@example.com');
      await uk.getByTestId('current-user-name').waitFor();
      await uk.goto(`${baseUrl}/portal/billing`);
      const price = uk.getByTestId('plan-price');
      await price.waitFor();
      expect((await price.textContent())!.trim()).to.match(/^\$99\.00 \/ month$/);
      // en-GB puts the day first: "24 Nov 2026"
      expect((await uk.getByTestId('plan-renewal').textContent())!.trim()).to.match(/^\d{1,2} [A-Z][a-z]{2,4} \d{4}$/);
    } finally {
      await uk.context().close();
    }
  });
});
