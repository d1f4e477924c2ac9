import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { Invoice, InvoiceItem } from '../src/modules/billing/billing.models';
import { clock } from '../src/lib/clock';
import { makeSubscription } from '../test/support/billing-factories';
import { makeProject, makeSnippet, makeUser } from '../test/support/factories';
import { apiSignIn, baseUrl, box, closeTestPage, newPage, screenshot, signIn } from './support/root-hooks';

const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 780, height: 1024 };
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

/** What scrolls sideways: the page, a table inside it, or a button whose label spills out of it. */
async function sidewaysScrolling(page: Page): Promise<string[]> {
  return page
    .locator('html, .ant-table-content, .ant-table-body, button')
    .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`));
}

/** Card titles cut short by what stands beside them ("Quali…"). */
async function clippedCardTitles(page: Page): Promise<string[]> {
  return page.locator('.ant-card-head-title').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent ?? ''));
}

describe('portal at desktop, tablet and phone widths (browser)', function () {
  this.timeout(120_000);
  let page: Page;
  afterEach(async function () {
    await closeTestPage(this.currentTest, page);
  });

  it('on a phone the invoices show number, date, status and total without sideways scrolling; an opened invoice too', async () => {
    const email = 'ivy.invoices.e2e@example.com';
    const user = await makeUser({ name: 'Ivy Invoices', email });
    const subscription = await makeSubscription(user.id, { tier: 'professional' });
    const now = clock.now().getTime();
    const period = { periodStart: new Date(now - 30 * DAY), periodEnd: new Date(now) };
    await Invoice.create({ subscriptionId: subscription.id, kind: 'regular', periodStart: new Date(now - 60 * DAY), periodEnd: period.periodStart, subtotalCents: 9900, totalCents: 9900, status: 'paid', paidAt: period.periodStart });
    // the widest row a customer can have: a seven-figure total whose payment failed, with its retry button
    const failed = await Invoice.create({ subscriptionId: subscription.id, kind: 'regular', ...period, subtotalCents: 123_456_789, totalCents: 123_456_789, status: 'failed', nextAttemptAt: new Date(now + 3 * DAY) });
    await InvoiceItem.create({ invoiceId: failed.id, description: 'Analyses above the Professional limit of 500', quantity: 1, unitPriceCents: 123_456_789, totalCents: 123_456_789, itemType: 'overage', ...period });

    page = await newPage();
    await signIn(page, 'portal', email);
    await page.getByTestId('current-user-name').waitFor();
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/portal/billing`);
    const row = page.locator(`[data-testid="invoice-row"][data-number="${failed.number}"]`);
    await row.getByTestId('invoice-total').waitFor();
    expect(await sidewaysScrolling(page)).to.deep.equal([]);

    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).to.include(failed.number);
    expect(text).to.match(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    for (const part of [row.getByText(failed.number), row.getByTestId('invoice-status'), row.getByTestId('invoice-total'), row.getByTestId('invoice-retry')]) {
      const { x, width } = await box(part);
      expect(x + width, 'inside the screen').to.be.at.most(PHONE.width);
    }
    expect((await row.getByTestId('invoice-total').innerText()).trim()).to.equal('$1,234,567.89');
    expect((await row.getByTestId('invoice-status').innerText()).trim()).to.equal('Payment failed');

    await row.getByRole('button', { name: /expand/i }).click();
    const detail = page.getByTestId('invoice-detail');
    await detail.getByTestId('invoice-line').first().waitFor();
    expect(await sidewaysScrolling(page)).to.deep.equal([]);
    for (const part of [detail.getByTestId('invoice-detail-total'), detail.getByTestId('invoice-line-period')]) {
      const { x, width } = await box(part);
      expect(x + width, 'inside the screen').to.be.at.most(PHONE.width);
    }
    await screenshot(page, 'portal-review-invoices-phone');

    // a wide screen has room for every column beside each other
    await page.setViewportSize(DESKTOP);
    await page.goto(`${baseUrl}/portal/billing`);
    await row.getByTestId('invoice-total').waitFor();
    const headers = (await page.getByTestId('billing-invoices').locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    expect(headers).to.deep.equal(['Number', 'Date', 'Kind', 'Status', 'Total']);

    // on a tablet the plans stack rather than squeeze their labels and buttons
    // (opened anew at that width: right after a resize the tables still hold the last width's columns)
    await page.setViewportSize(TABLET);
    await page.goto(`${baseUrl}/portal/billing`);
    await row.getByTestId('invoice-total').waitFor();
    expect(await sidewaysScrolling(page)).to.deep.equal([]);
    const [free, professional] = [await box(page.getByTestId('plan-free')), await box(page.getByTestId('plan-professional'))];
    expect(professional.y, 'Professional under Free').to.be.at.least(free.y + free.height);
  });

  it('on a tablet the search page keeps three readable columns as two: results beside the filters, saved and recent searches under them', async () => {
    const email = 'sol.search.e2e@example.com';
    await makeUser({ name: 'Sol Search', email });
    page = await newPage();
    await signIn(page, 'portal', email);
    await page.getByTestId('current-user-name').waitFor();

    const filters = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^Filters$/ }) });
    const results = page.locator('.ant-col').filter({ has: page.getByTestId('search-summary') });
    const saved = page.getByTestId('saved-searches');

    await page.setViewportSize(TABLET);
    await page.goto(`${baseUrl}/portal/search?q=ledger`);
    await saved.locator('.ant-card-head').waitFor();
    const [f, r, s] = [await box(filters), await box(results), await box(saved)];
    expect(r.width, 'results get two thirds of the page').to.be.at.least(440);
    expect(f.width, 'filters wide enough for the date range').to.be.at.least(200);
    expect(f.x + f.width, 'filters left of the results').to.be.at.most(r.x);
    expect(s.x, 'saved searches under the filters').to.be.closeTo(f.x, 1);
    expect(s.y, 'saved searches under the filters').to.be.at.least(f.y + f.height);
    expect(await sidewaysScrolling(page)).to.deep.equal([]);
    await screenshot(page, 'portal-review-search-tablet');

    await page.setViewportSize(DESKTOP);
    await saved.locator('.ant-card-head').waitFor();
    const [wf, wr, ws] = [await box(filters), await box(results), await box(saved)];
    expect(wf.x + wf.width, 'filters left of the results').to.be.at.most(wr.x);
    expect(ws.x, 'saved searches right of the results').to.be.at.least(wr.x + wr.width);
    expect(ws.y, 'the three columns start together').to.be.closeTo(wf.y, 1);

    await page.setViewportSize(PHONE);
    await page.getByTestId('search-filters-folded').waitFor();
    const [pr, ps] = [await box(results), await box(saved)];
    expect(ps.y, 'saved searches under the results').to.be.at.least(pr.y + pr.height);
    expect(await sidewaysScrolling(page)).to.deep.equal([]);
  });

  it('on a tablet the header keeps to its bar; lists, a project, an analysis and analytics fit phone and tablet screens', async () => {
    const email = 'tess.tablet.e2e@example.com';
    const user = await makeUser({ name: 'Tess Tablet-Widthington', email });
    const project = await makeProject(user.id, { name: 'Payments gateway' });
    const snippet = await makeSnippet(user.id, project.id, "const apiKey = 'sk-live-please-rotate-me';\nexport function charge(amount) {\n  return fetch('/charge', { body: amount });\n}\n");
    page = await newPage();
    await apiSignIn(page, email);
    const started = await page.request.post(`${baseUrl}/api/projects/${project.id}/analyses`, { data: { snippetId: snippet.id, type: 'bugs' } });
    expect(started.status()).to.equal(202);
    const { id: analysisId } = (await started.json()) as { id: string };
    expect((await page.request.post(`${baseUrl}/api/intakes`, { data: { customerName: 'Penelope Johnson-Wyman', company: "O'Hara LLC", email: 'penelope.johnsonwyman@example.net' } })).ok()).to.equal(true);

    await page.setViewportSize(TABLET);
    await page.goto(`${baseUrl}/portal/projects`);
    await page.getByText('Payments gateway').waitFor();
    const header = await box(page.locator('header').first());
    expect(header.height).to.equal(64);
    for (const item of await page.locator('header a, header button, header .ant-select, header .ant-typography').all()) {
      const { y, height } = await box(item);
      expect(y, 'inside the header').to.be.at.least(header.y);
      expect(y + height, 'inside the header').to.be.at.most(header.y + header.height);
    }
    expect(await page.getByRole('link', { name: 'Account of Tess Tablet-Widthington' }).count()).to.equal(1);

    // the analysis finishes before the pages are measured with its findings in them
    await page.goto(`${baseUrl}/portal/analyses/${analysisId}`);
    await page.getByTestId('finding-row').first().waitFor({ timeout: 30_000 });

    const pages: Array<[string, () => Promise<unknown>]> = [
      ['/projects', () => page.getByText('Payments gateway').waitFor()],
      [`/projects/${project.id}`, () => page.getByText('add.js').waitFor()],
      [`/projects/${project.id}?tab=analyses`, () => page.locator('.ant-table-row').first().waitFor()],
      [`/analyses/${analysisId}`, () => page.getByTestId('finding-row').first().waitFor()],
      ['/intakes', () => page.getByText('Penelope Johnson-Wyman').waitFor()],
      ['/analytics', () => page.getByTestId('kpi-projects').waitFor()],
      [`/analytics/projects/${project.id}`, () => page.getByText('By analysis type').waitFor()],
    ];
    for (const viewport of [TABLET, PHONE]) {
      await page.setViewportSize(viewport);
      for (const [path, ready] of pages) {
        await page.goto(`${baseUrl}/portal${path}`);
        await ready();
        await page.waitForLoadState('networkidle');
        expect(await sidewaysScrolling(page), `${path} at ${viewport.width} px`).to.deep.equal([]);
        expect(await clippedCardTitles(page), `${path} at ${viewport.width} px`).to.deep.equal([]);
      }
    }

    // on a phone the code scrolls sideways under its findings, which stay in view and wrap
    await page.goto(`${baseUrl}/portal/analyses/${analysisId}`);
    const code = page.getByTestId('annotated-code');
    await code.getByTestId('code-finding').first().waitFor();
    expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth), 'the code is wider than a phone').to.equal(true);
    for (const scrollLeft of [0, 1000]) {
      await code.evaluate((el, left) => (el.scrollLeft = left), scrollLeft);
      const visible = await box(code);
      for (const finding of await code.getByTestId('code-finding').all()) {
        const { x, width } = await box(finding);
        expect(x, `scrolled ${scrollLeft}px`).to.be.at.least(visible.x);
        expect(x + width, `scrolled ${scrollLeft}px`).to.be.at.most(visible.x + visible.width);
      }
    }

    // on a phone the project's buttons, when they wrap under its name, keep apart from its details
    await page.goto(`${baseUrl}/portal/projects/${project.id}`);
    const edit = await box(page.getByRole('button', { name: /Edit$/ }));
    const details = await box(page.locator('.ant-descriptions').first());
    expect(details.y - (edit.y + edit.height), 'space under the buttons').to.be.at.least(12);
    await page.getByRole('button', { name: 'Run analysis' }).first().waitFor();
    await screenshot(page, 'portal-review-project-phone');

    // side by side, the analytics figures are cards of one height however their titles wrap
    await page.setViewportSize(DESKTOP);
    await page.goto(`${baseUrl}/portal/analytics`);
    await page.getByTestId('kpi-ai').waitFor();
    const heights = await Promise.all(['kpi-projects', 'kpi-active', 'kpi-completion', 'kpi-analyses', 'kpi-quality', 'kpi-ai'].map(async (id) => (await box(page.getByTestId(id))).height));
    expect(new Set(heights).size, `heights ${heights.join(', ')}`).to.equal(1);
  });

  it('"?" lists the keyboard shortcuts, except while typing in a field', async () => {
    const email = 'kit.keys.e2e@example.com';
    await makeUser({ name: 'Kit Keys', email });
    page = await newPage();
    await signIn(page, 'portal', email);
    await page.getByTestId('current-user-name').waitFor();

    await page.getByPlaceholder(/Type \/ to search/).click();
    await page.keyboard.type('what?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).to.equal(0);

    await page.getByRole('heading', { name: 'Projects' }).click();
    await page.keyboard.press('Shift+Slash');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByText('Type in the search box at the top').waitFor();
    await dialog.getByText('Ctrl', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
