import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeProject, makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

/** The column headers of the page's table, as shown. */
const headers = async (page: Page) => (await page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
/** Whether the page is wider than the screen (a table pushing it sideways). */
const overflows = (page: Page) =>
  page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth > root.clientWidth;
  });

describe('portal on a phone (browser)', () => {
  let page: Page;
  afterEach(async () => page?.context().close());

  it('lists show their main columns without sideways scrolling, and every column on a wide screen', async () => {
    const customer = await makeUser({ name: 'Pia Phone', email: 'pia.phone.e2e@example.com' });
    await makeProject(customer.id, { name: 'Pocket ledger service with a long name' });
    page = await newPage();
    await signIn(page, 'portal', 'pia.phone.e2e@example.com');
    await page.getByTestId('current-user-name').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/portal/projects`);
    await page.getByText('Pocket ledger service with a long name').waitFor();
    expect(await headers(page)).to.deep.equal(['Name', 'Status']);
    expect(await overflows(page), 'projects: wider than the phone').to.equal(false);
    await screenshot(page, 'portal-phone-projects');

    await page.goto(`${baseUrl}/portal/support`);
    await page.getByRole('heading', { name: 'Support' }).waitFor();
    expect(await overflows(page), 'support: wider than the phone').to.equal(false);

    // the menu opens from the header; nothing floats over the page as it scrolls
    await page.mouse.wheel(0, 600);
    const menu = page.getByRole('button', { name: 'Open the menu' });
    const header = (await page.locator('header').first().boundingBox())!;
    const button = (await menu.boundingBox())!;
    expect(button.y + button.height, 'menu button inside the header').to.be.at.most(header.y + header.height);
    for (const floating of await page.locator('button[style*="position: fixed"]').all()) expect(await floating.isVisible(), 'a floating button over the page').to.equal(false);
    await menu.click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByRole('menuitem', { name: 'Projects' }).click();
    await page.waitForURL(`${baseUrl}/portal/projects`);
    await drawer.waitFor({ state: 'hidden' });

    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto(`${baseUrl}/portal/projects`);
    await page.getByText('Pocket ledger service with a long name').waitFor();
    expect(await headers(page)).to.deep.equal(['Name', 'Status', 'Completion', 'Snippets', 'Analyses', 'Updated']);
  });
});
