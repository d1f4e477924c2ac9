import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createTicket } from '../src/modules/support/services/create-ticket.service';
import { makeProject, makeSnippet, makeUser } from '../test/support/factories';
import { professionalCustomer } from './support/customers';
import { apiSignIn, baseUrl, newPage } from './support/root-hooks';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary: string }>;
}

/**
 * antd's own markup, left out:
 * - the measuring row of a table that scrolls sideways (`aria-hidden` with `tabindex="-1"`: never reached by
 *   Tab, but axe counts a programmatic focus target);
 * - `aria-required` on a required select's outer box, which has no role (antd's form item puts it on
 *   whatever it wraps; the select's input, the combobox, carries it too).
 */
const ANTD_MARKUP = (v: Violation, html: string) => v.id === 'aria-allowed-attr' && /^<div class="ant-select [^>]*aria-required="true"/.test(html);

/** WCAG 2.1 A and AA rules that axe can check on what the page shows now. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ exclude: [['.ant-table-measure-row']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return found
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !ANTD_MARKUP(v, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(' ')}: ${v.nodes[0].failureSummary.replace(/\s+/g, ' ')}`);
}

/** Checks what is on screen now (an open dialog, a drawer); `label` names it in the failures. */
async function auditNow(page: Page, label: string): Promise<void> {
  const failures = (await violations(page)).map((v) => `${label}: ${v}`);
  expect(failures, failures.join('\n')).to.deep.equal([]);
}

/** Opens each path and checks it once it has drawn what it waits for. */
async function audit(page: Page, pages: Array<[path: string, ready: string]>): Promise<void> {
  const failures: string[] = [];
  for (const [path, ready] of pages) {
    await page.goto(`${baseUrl}${path}`);
    await page.getByText(ready, { exact: true }).first().waitFor();
    await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
    for (const v of await violations(page)) failures.push(`${path}: ${v}`);
  }
  expect(failures, failures.join('\n')).to.deep.equal([]);
}

/** The search palette with results for "ledger": a combobox whose options the arrow keys walk. */
async function auditPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-palette-input').fill('ledger');
  await page.getByTestId('search-palette-item').first().waitFor();
  await auditNow(page, 'search palette');
}

/** A page that may add the checker's script (the apps' CSP would refuse it), signed in as `email` unless null. */
async function withPage(email: string | null, check: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPage({ bypassCSP: true });
  try {
    if (email) await apiSignIn(page, email);
    await check(page);
  } finally {
    await page.context().close();
  }
}

/** Tab first reaches "Skip to content", which sends focus past the menu and the header to the page itself. */
async function checkSkipLink(page: Page, path: string, firstControl: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('button', { name: firstControl }).waitFor();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  expect(await skip.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), 'the first Tab stop').to.equal(true);
  const { y } = await skip.boundingBox().then((b) => b ?? { y: -1 });
  expect(y, 'shown once focused').to.be.at.least(0);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.getByRole('button', { name: firstControl }).evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), 'the next Tab stop').to.equal(true);
  expect(page.url(), 'the address keeps no fragment').to.not.contain('#');
}

describe('accessibility (browser, axe-core, WCAG 2.1 AA)', function () {
  this.timeout(180_000);
  let customerId = '';
  let projectId = '';
  let ticketId = '';
  let invoiceId = '';

  before(async function () {
    this.timeout(90_000);
    await makeUser({ name: 'Ada Audit', email: 'a11y.ops.e2e@example.com', role: 'super_admin' });
    const page = await newPage();
    const customer = await professionalCustomer(page, 'a11y.customer.e2e@example.com', 'Cora Contrast');
    customerId = customer.id;
    const project = await makeProject(customer.id, { name: 'Readable Ledger' });
    projectId = project.id;
    await makeSnippet(customer.id, project.id);
    ticketId = (await createTicket({ customerId, subject: 'Colours are hard to read', description: 'The grey labels are faint.', priority: 'normal' })).id;
    const invoices = (await (await page.request.get(`${baseUrl}/api/billing/invoices`)).json()) as Array<{ id: string }>;
    invoiceId = invoices[0].id;
    await page.context().close();
  });

  it('the signed-out pages meet WCAG 2.1 AA: sign-in, sign-up and password reset', async () => {
    await withPage(null, (page) =>
      audit(page, [
        ['/admin/login', 'Sign in'],
        ['/admin/forgot-password', 'Send reset link'],
        ['/portal/login', 'Sign in to your account'],
        ['/portal/register', 'Create your Socrates account'],
        ['/portal/forgot-password', 'Send reset link'],
      ]),
    );
  });

  it('the console meets WCAG 2.1 AA on its main pages: contrast, names, labels, structure, a skip link past the menu', async () => {
    await withPage('a11y.ops.e2e@example.com', async (page) => {
      await audit(page, [
        ['/admin', 'Recent activity'],
        ['/admin/users', 'Cora Contrast'],
        [`/admin/users/${customerId}`, 'Readable Ledger'],
        ['/admin/subscriptions', 'All subscriptions'],
        ['/admin/subscriptions/tiers', 'Tier configuration'],
        ['/admin/invoices', 'Invoices'],
        [`/admin/invoices/${invoiceId}`, 'Payment attempts'],
        ['/admin/support-tickets', 'Colours are hard to read'],
        [`/admin/support-tickets/${ticketId}`, 'Reply to the customer'],
        ['/admin/analytics', 'Customer growth'],
        ['/admin/analytics/revenue', 'MRR movements'],
        ['/admin/analytics/quality', 'Average quality score'],
        ['/admin/analytics/retention', 'Signup cohorts by week'],
        ['/admin/system', 'Performance'],
        ['/admin/errors', 'Errors'],
        ['/admin/audit-log', 'Audit trail'],
        ['/admin/search?q=ledger', 'Readable Ledger'],
        ['/admin/settings/roles', 'Settings · Roles and permissions'],
      ]);
      await auditPalette(page);
      await page.keyboard.press('Escape');
      await checkSkipLink(page, '/admin/users', 'Export CSV');
    });
  });

  it('the portal meets WCAG 2.1 AA on its main pages, dialogs included, with a skip link past the menu', async () => {
    await withPage('a11y.customer.e2e@example.com', async (page) => {
      await audit(page, [
        ['/portal/projects', 'Readable Ledger'],
        [`/portal/projects/${projectId}`, 'Add snippet'],
        ['/portal/billing', 'Payment methods'],
        ['/portal/analytics', 'Project timeline'],
        ['/portal/support', 'Colours are hard to read'],
        [`/portal/support/${ticketId}`, 'Conversation'],
        ['/portal/search?q=ledger', 'Readable Ledger'],
        ['/portal/account', 'Account'],
        ['/portal/intakes', 'Intakes'],
        ['/portal/projects/create', 'New project'],
      ]);
      await auditPalette(page);
      await page.keyboard.press('Escape');
      await page.goto(`${baseUrl}/portal/projects/${projectId}`);
      await page.getByRole('button', { name: 'Add snippet' }).click();
      await page.getByRole('dialog').waitFor();
      await auditNow(page, 'snippet drawer');
      await page.goto(`${baseUrl}/portal/billing`);
      await page.getByRole('button', { name: 'Upgrade to Enterprise' }).click();
      await page.getByRole('dialog').waitFor();
      await auditNow(page, 'upgrade dialog');
      await checkSkipLink(page, '/portal/projects', 'New project');
    });
  });
});
