import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { Snippet } from '../src/modules/projects/project.models';
import { drainSearchOutbox } from '../src/modules/search/indexer';
import { makeProject, makeUser } from '../test/support/factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

const CODE = ['export function parseInvoiceTotal(lines: number[]): number {', '  return lines.reduce((sum, cents) => sum + cents, 0);', '}'].join('\n');

const LONG_TITLE = 'Quarterly reconciliation of the regional settlement statements, refunds and chargebacks for every market';

/** Waits (up to 3 s) until the element has the keyboard focus, and fails if it never gets it. */
async function waitForFocus(target: Locator): Promise<void> {
  const focused = () => target.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
  for (let i = 0; i < 30 && !(await focused()); i++) await target.page().waitForTimeout(100);
  expect(await focused(), 'it has the keyboard focus').to.equal(true);
}

/**
 * Saves the search on screen with the keyboard alone: the Name field has the focus once the dialog is open,
 * Enter on an empty name asks for one, Enter after typing saves, and the same name again is refused in the form.
 */
async function saveSearchByKeyboard(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // The browser asks for reduced motion (see newPage), so the dialog opens without zooming in: at most a frame
  // of antd's motion preparation, never its active step.
  const classes = [(await dialog.getAttribute('class')) ?? ''];
  while (/\bant-zoom-/.test(classes.at(-1)!) && classes.length < 100) {
    await page.waitForTimeout(10);
    classes.push((await dialog.getAttribute('class')) ?? '');
  }
  expect(classes.join(' ')).to.not.match(/\bant-zoom-appear-active\b/);
  await waitForFocus(page.getByTestId('save-search-name'));
  await page.keyboard.press('Enter');
  await dialog.getByText('Give it a name').waitFor();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('saved-searches').getByText(name).waitFor();

  await page.getByRole('button', { name: 'Save search' }).click();
  await page.getByRole('dialog').waitFor();
  await waitForFocus(page.getByTestId('save-search-name'));
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByText('You already have a saved search with this name').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  expect(await page.getByTestId('saved-searches').getByText(name).count()).to.equal(1);
}

describe('search (browser)', () => {
  let page: Page;
  let projectId = '';
  let snippetId = '';
  let customerId = '';

  before(async () => {
    const customer = await makeUser({ name: 'Searching Sam', email: 'sam.search.e2e@example.com' });
    customerId = customer.id;
    const other = await makeUser({ name: 'Other Olga', email: 'olga.search.e2e@example.com' });
    const project = await makeProject(customer.id, { name: 'Ledger service' });
    await makeProject(customer.id, { name: LONG_TITLE });
    projectId = project.id;
    snippetId = (await Snippet.create({ ownerId: customer.id, projectId, filename: 'ledger-totals.ts', language: 'typescript', content: CODE, sizeBytes: Buffer.byteLength(CODE) })).id;
    // another customer's look-alike must never show up for Sam
    const theirs = await makeProject(other.id, { name: 'Olga ledger' });
    await Snippet.create({ ownerId: other.id, projectId: theirs.id, filename: 'olga-totals.ts', language: 'typescript', content: 'const parseInvoiceTotal = 1;', sizeBytes: 30 });
    await makeUser({ name: 'Marie Curie', email: 'marie.curie.e2e@radium.example' });
    await makeUser({ name: 'Search Admin', email: 'admin.search.e2e@example.com', role: 'super_admin' });
    await drainSearchOutbox();
  });

  afterEach(async () => page?.context().close());

  it('portal: Cmd+K finds a snippet by a camelCase fragment and opens it', async () => {
    page = await newPage();
    await signIn(page, 'portal', 'sam.search.e2e@example.com');
    await page.getByTestId('current-user-name').getByText('Searching Sam').waitFor();

    await page.keyboard.press('Control+K');
    const input = page.getByTestId('search-palette-input');
    await input.waitFor();
    // Ctrl+K and typing is all it takes: the box, not the dialog, has the focus once the palette is open
    await waitForFocus(input);
    await page.keyboard.type('InvoiceTot');
    const first = page.getByTestId('search-palette-item').first();
    await first.getByText('ledger-totals.ts').waitFor();
    // the match is marked inside the identifier
    expect(await page.getByTestId('search-palette-results').locator('mark').allTextContents()).to.include('InvoiceTotal'); // marked inside the identifier, the prefix to the end of its part
    expect(await page.getByTestId('search-palette-results').textContent()).to.not.contain('olga-totals.ts');
    await screenshot(page, 'search-portal-palette');
    await input.press('Enter');
    await page.waitForURL(new RegExp(`/portal/projects/${projectId}\\?snippet=${snippetId}`));
    await page.getByText('Edit snippet').waitFor();
    await page.getByRole('dialog').getByText('parseInvoiceTotal').first().waitFor();

    // the palette remembers what was opened
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.getByTestId('search-palette-item').first().getByText('ledger-totals.ts').waitFor();

    // …for Sam only: the next customer to sign in with this browser starts with an empty palette
    await page.goto(`${baseUrl}/portal/projects`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/portal\/login/);
    await signIn(page, 'portal', 'olga.search.e2e@example.com');
    await page.getByTestId('current-user-name').getByText('Other Olga').waitFor();
    await page.keyboard.press('Control+K');
    await page.getByText('Start typing: results appear as you type.').waitFor();
    expect(await page.getByTestId('search-palette-item').count()).to.equal(0);
  });

  it('portal: the header searches one type when asked; the search page groups results, filters by type (folded away on a phone), explains an empty result and corrects a typo', async () => {
    page = await newPage();
    await signIn(page, 'portal', 'sam.search.e2e@example.com');
    await page.getByTestId('current-user-name').waitFor();
    // the header box searches one type when its scope says so
    await page.getByTestId('header-search-scope').click();
    await page.locator('.ant-select-item-option', { hasText: 'Code' }).click();
    await page.getByTestId('header-search').fill('InvoiceTot');
    await page.getByTestId('header-search-suggestion').getByText('ledger-totals.ts').waitFor();
    await page.getByTestId('header-search').press('Enter');
    await page.waitForURL(/\/portal\/search\?q=InvoiceTot&type=snippet$/);
    await page.getByTestId('search-hit').first().getByText('ledger-totals.ts').waitFor();
    expect(await page.getByTestId('search-group-project').count()).to.equal(0);

    await page.goto(`${baseUrl}/portal/search?q=ledger`);
    await page.getByTestId('search-group-project').getByText('Ledger service').waitFor();
    await page.getByTestId('search-group-snippet').waitFor();
    await screenshot(page, 'search-portal-page');
    // on a phone the filters fold away above the results, and open on a tap
    await page.setViewportSize({ width: 390, height: 844 });
    const folded = page.getByTestId('search-filters-folded');
    await folded.waitFor();
    expect(await page.getByTestId('filter-type').isVisible()).to.equal(false);
    await folded.getByText('Filters').click();
    await page.getByTestId('filter-type').waitFor();
    await page.setViewportSize({ width: 1366, height: 860 });
    await folded.waitFor({ state: 'detached' });
    await page.goto(`${baseUrl}/portal/search?q=ledger&type=project&view=grid`);
    await page.getByTestId('search-hit').first().getByText('Ledger service').waitFor();
    expect(await page.getByTestId('search-group-snippet').count()).to.equal(0);
    await page.goto(`${baseUrl}/portal/search?q=zebra%20quantum`);
    await page.getByTestId('search-empty').waitFor();
    await screenshot(page, 'search-portal-empty');
    expect(await page.getByTestId('search-did-you-mean').count()).to.equal(0);
    // a typo: the empty result offers the word Sam's documents have, and following it finds them
    await page.goto(`${baseUrl}/portal/search?q=ledgr`);
    await page.getByTestId('search-empty').waitFor();
    const fix = page.getByTestId('search-did-you-mean');
    expect(await fix.textContent()).to.equal('ledger');
    await screenshot(page, 'search-portal-did-you-mean');
    await fix.click();
    await page.waitForURL(/\/portal\/search\?q=ledger$/);
    await page.getByTestId('search-group-project').getByText('Ledger service').waitFor();
  });

  it('portal: a search is saved with the keyboard alone; results read as the rest of the portal does', async () => {
    page = await newPage();
    await signIn(page, 'portal', 'sam.search.e2e@example.com');
    await page.getByTestId('current-user-name').waitFor();
    await page.goto(`${baseUrl}/portal/search?q=ledger`);
    await page.getByTestId('search-group-snippet').waitFor();
    // the language by its display name, as the project's code table shows it
    await page.getByTestId('search-group-snippet').getByText('TypeScript', { exact: true }).waitFor();
    await saveSearchByKeyboard(page, 'Ledger code');
    await screenshot(page, 'search-portal-saved');

    // the saved search runs again in one click
    await page.goto(`${baseUrl}/portal/search`);
    await page.getByTestId('saved-searches').getByText('Ledger code').click();
    await page.waitForURL(/\/portal\/search\?q=ledger$/);
    await page.getByTestId('search-group-project').getByText('Ledger service').waitFor();

    // in the grid a long title wraps instead of being cut on one line, and shows in full on hover
    await page.goto(`${baseUrl}/portal/search?q=reconciliation&view=grid`);
    const title = page.getByTestId('search-hit-link').first();
    await title.waitFor();
    expect((await title.boundingBox())!.height, 'the title takes two lines').to.be.greaterThan(36);
    await title.hover();
    await page.getByRole('tooltip').getByText(LONG_TITLE).waitFor();
    await screenshot(page, 'search-portal-grid');
  });

  it('console: an admin saves a search with the keyboard alone', async () => {
    page = await newPage();
    await signIn(page, 'admin', 'admin.search.e2e@example.com');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${baseUrl}/admin/search?q=marie`);
    await page.getByTestId('search-group-user').getByText('Marie Curie').waitFor();
    await saveSearchByKeyboard(page, 'Radium customers');
    await screenshot(page, 'search-console-saved');
  });

  it('console: an admin finds a user by e-mail from the header search', async () => {
    page = await newPage();
    await signIn(page, 'admin', 'admin.search.e2e@example.com');
    await page.getByTestId('header-user').getByText('Search Admin').waitFor();

    // "/" jumps to the header box from anywhere but a field
    const box = page.getByTestId('header-search');
    await page.locator('body').click();
    await page.keyboard.press('/');
    await waitForFocus(box);
    expect(await box.inputValue()).to.equal('');
    await box.fill('marie.curie.e2e@radium');
    await page.getByTestId('header-search-suggestion').getByText('Marie Curie').waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/admin\/search\?q=marie/);
    const customers = page.getByTestId('search-group-user');
    await customers.getByText('Marie Curie').waitFor();
    await screenshot(page, 'search-console-page');
    // …but a "/" typed into a field stays there
    const pageInput = page.getByTestId('search-page-input');
    await pageInput.press('End');
    await pageInput.press('/');
    expect(await pageInput.inputValue()).to.match(/\/$/);
    expect(await box.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(false);
    await customers.getByTestId('search-hit-link').first().click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}/);
    await page.getByText('marie.curie.e2e@radium.example').first().waitFor();
    expect(customerId).to.be.a('string');

    // Ctrl+K is the search palette; Ctrl+Shift+K is Refine's command palette, never both at once
    const palette = page.getByTestId('search-palette-input');
    await page.keyboard.press('Control+k');
    await waitForFocus(palette);
    await palette.press('Escape');
    await palette.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Shift+K');
    await page.getByPlaceholder('Type a command or search…').waitFor();
    expect(await palette.isVisible()).to.equal(false);
    await page.keyboard.press('Escape');

    // a dialog once open and now closed (the palette stays in the page, hidden) does not stop "/"
    await page.getByPlaceholder('Type a command or search…').waitFor({ state: 'hidden' });
    await page.locator('body').click();
    await page.keyboard.press('/');
    await waitForFocus(box);
    // …while an open one keeps it
    await page.goto(`${baseUrl}/admin/support-tickets`);
    await page.getByRole('button', { name: 'New ticket' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('/');
    await page.waitForTimeout(200);
    expect(await box.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(false);
  });

  it('console: an admin rebuilds the index after confirming, and sees its progress and the query reports', async () => {
    page = await newPage();
    await signIn(page, 'admin', 'admin.search.e2e@example.com');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${baseUrl}/admin/search`);
    await page.getByRole('tab', { name: 'Index & reports' }).click();
    await page.getByText('PostgreSQL full-text').waitFor();
    await page.getByRole('button', { name: 'Rebuild index' }).click();
    await page.getByText('Rebuild the search index?').waitFor();
    // "/" leaves an open confirmation alone
    await page.keyboard.press('/');
    await page.waitForTimeout(200);
    expect(await page.getByTestId('header-search').evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(false);
    await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
    await page.getByTestId('reindex-progress').getByText('finished').waitFor({ timeout: 30_000 });
    await page.getByText('Queries with no results').waitFor();
    await screenshot(page, 'search-console-index');
  });
});
