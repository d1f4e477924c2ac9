import fs from 'node:fs';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { db } from '../src/db/sequelize';
import { addDays, dayOf } from '../src/modules/analytics/days';
import { rollupRange } from '../src/modules/analytics/services/rollup.service';
import { track } from '../src/modules/analytics/track';
import { makeProject, makeUser } from '../test/support/factories';
import { makeSubscription } from '../test/support/billing-factories';
import { baseUrl, newPage, screenshot, signIn } from './support/root-hooks';

async function downloadText(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return fs.readFileSync(file!, 'utf8');
}

/** Waits (up to 5 s) until the input shows this value, and fails with what it shows if it never does. */
async function expectValue(input: Locator, value: string, what: string): Promise<void> {
  for (let i = 0; i < 50 && (await input.inputValue()) !== value; i++) await input.page().waitForTimeout(100);
  expect(await input.inputValue(), what).to.equal(value);
}

describe('analytics (browser)', () => {
  const today = dayOf(new Date());

  before(async function () {
    this.timeout(60_000);
    // A customer with three weeks of analyses on two projects.
    const dana = await makeUser({ name: 'Data Dana', email: 'dana.analytics.e2e@example.com' });
    await makeSubscription(dana.id, { tier: 'professional' });
    const projects = [await makeProject(dana.id, { name: 'Payments API' }), await makeProject(dana.id, { name: 'Mobile app' })];
    for (let d = 21; d >= 1; d--) {
      for (let i = 0; i < (d % 4) + 1; i++) {
        const project = projects[(d + i) % 2];
        const type = ['security', 'quality', 'performance', 'bugs'][(d + i) % 4];
        const at = new Date(`${addDays(today, -d)}T${String(9 + i).padStart(2, '0')}:00:00Z`);
        await track({ type: 'analysis_run', userId: dana.id, projectId: project.id, properties: { analysisType: type }, occurredAt: at });
        await track({ type: 'analysis_completed', userId: dana.id, projectId: project.id, properties: { analysisType: type, qualityScore: 55 + ((d * 7 + i * 11) % 40), bugsFound: (d + i) % 5, confidence: 0.8 }, occurredAt: new Date(at.getTime() + 60_000) });
      }
    }
    // Paying customers for the revenue page: two long-standing, one new in the last ten days.
    for (const [email, tier, since] of [['rev1.e2e@example.com', 'professional', 80], ['rev2.e2e@example.com', 'enterprise', 80], ['rev3.e2e@example.com', 'professional', 10]] as const) {
      const u = await makeUser({ email, createdAt: new Date(`${addDays(today, -since)}T08:00:00Z`) });
      const sub = await makeSubscription(u.id, { tier });
      await db().query(`UPDATE subscriptions SET created_at = :at WHERE id = :id`, { replacements: { at: `${addDays(today, -since)}T08:00:00Z`, id: sub.id } });
      await track({ type: 'login', userId: u.id, occurredAt: new Date(`${addDays(today, -2)}T10:00:00Z`) });
    }
    await db().query(`UPDATE subscriptions SET created_at = :at WHERE user_id = :id`, { replacements: { at: `${addDays(today, -60)}T08:00:00Z`, id: dana.id } });
    await rollupRange(addDays(today, -90), today);
    await makeUser({ name: 'Ana Lyst', email: 'analyst.analytics.e2e@example.com', role: 'analytics_admin' });
  });

  it('a customer sees their dashboard charts and exports the CSV', async () => {
    const page = await newPage();
    await signIn(page, 'portal', 'dana.analytics.e2e@example.com');
    await page.getByTestId('current-user-name').waitFor();
    await page.getByRole('link', { name: 'Analytics' }).first().click();
    await page.waitForURL(/\/portal\/analytics/);
    await page.getByTestId('kpi-projects').getByText('2').waitFor();
    // Timeline, distribution and quality trend are drawn (the charts library loads on demand).
    await page.locator('[data-testid="analytics-chart"] canvas').nth(2).waitFor();
    expect(await page.locator('[data-testid="analytics-chart"] canvas').count()).to.be.at.least(3);
    await page.getByRole('link', { name: 'Payments API' }).first().waitFor();
    await screenshot(page, 'portal-analytics');

    const csv = await downloadText(page, () => page.getByTestId('export-timeline').click());
    const lines = csv.trim().split('\n');
    expect(lines[0]).to.equal('day,analysesRun,analysesCompleted,bugsFound,avgQualityScore,projectsCreated,snippetsCreated,logins,exports,events');
    expect(lines).to.have.length(31); // header + the 30 days of the default range
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).to.equal(52); // Σ over d = 1..21 of (d mod 4) + 1: five cycles of 2 + 3 + 4 + 1 = 50, then d = 21 → 2

    // The project detail: quality trend and the breakdown by analysis type.
    await page.getByRole('link', { name: 'Payments API' }).first().click();
    await page.getByText('By analysis type').waitFor();
    await page.locator('[data-testid="analytics-chart"] canvas').first().waitFor();
    await screenshot(page, 'portal-analytics-project');
    await page.context().close();
  });

  it('the range pickers show and take days in the reader\'s format while the URL and the API keep ISO days', async () => {
    const [from, to] = [addDays(today, -14), addDays(today, -7)];
    // the 5th to the 8th of last month: single-digit days, so typing them unpadded (en-US) means something
    const fifth = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
    fifth.setUTCMonth(fifth.getUTCMonth() - 1, 5);
    const [typedFrom, typedTo] = [dayOf(fifth), addDays(dayOf(fifth), 3)];
    const cases = [
      { locale: 'en-GB', ui: 'portal', email: 'dana.analytics.e2e@example.com', api: '/api/analytics/timeline', weekStarts: 'Mo', shown: (day: string) => day.split('-').reverse().join('/'), typed: (day: string) => day.split('-').reverse().join('/') },
      {
        locale: 'en-US', ui: 'admin', email: 'analyst.analytics.e2e@example.com', api: '/api/admin/analytics/users', weekStarts: 'Su',
        shown: (day: string) => { const [y, m, d] = day.split('-'); return `${m}/${d}/${y}`; },
        typed: (day: string) => { const [y, m, d] = day.split('-'); return `${Number(m)}/${Number(d)}/${y}`; }, // 11/5/2026 as people type it
      },
    ] as const;
    for (const { locale, ui, email, api, weekStarts, shown, typed } of cases) {
      const page = await newPage({ locale });
      await signIn(page, ui, email);
      await page.waitForURL((url) => !url.pathname.endsWith('/login'));
      await page.goto(`${baseUrl}/${ui}/analytics?from=${from}&to=${to}`);
      const [start, end] = [page.locator('.ant-picker-range input').first(), page.locator('.ant-picker-range input').nth(1)];
      await expectValue(start, shown(from), `${locale} first day`);
      await expectValue(end, shown(to), `${locale} last day`);

      const request = page.waitForRequest((r) => {
        const url = new URL(r.url());
        return url.pathname === api && url.searchParams.get('from') === typedFrom && url.searchParams.get('to') === typedTo;
      });
      await start.click();
      // the calendar's weeks start on the reader's first day
      const weekdays = page.locator('.ant-picker-dropdown .ant-picker-content thead th');
      await weekdays.first().waitFor();
      expect((await weekdays.first().innerText()).trim(), `${locale} first weekday`).to.equal(weekStarts);
      await start.fill(typed(typedFrom));
      await start.press('Enter');
      await end.fill(typed(typedTo));
      await end.press('Enter');
      await request;
      expect(new URL(page.url()).searchParams.get('from'), `${locale} URL`).to.equal(typedFrom);
      // the picker shows the range of the report the API answered with
      await expectValue(start, shown(typedFrom), `${locale} typed first day`);
      await expectValue(end, shown(typedTo), `${locale} typed last day`);
      await page.context().close();
    }
  });

  it('an analytics admin views revenue compared with the previous period', async () => {
    const page = await newPage();
    await signIn(page, 'admin', 'analyst.analytics.e2e@example.com');
    await page.getByRole('menuitem', { name: 'Analytics' }).click();
    await page.waitForURL(/\/admin\/analytics/);
    await page.getByTestId('kpi-totalCustomers').waitFor();
    await page.getByRole('tab', { name: 'Revenue' }).click();
    await page.waitForURL(/\/admin\/analytics\/revenue/);
    const movements = page.getByTestId('mrr-movements');
    await movements.waitFor();
    // rev3 joined ten days ago on Professional: new MRR in this period, none in the previous one
    await page.getByTestId('kpi-newMrrCents').getByText('$99.00', { exact: true }).waitFor();
    await page.getByTestId('change-mrrEndCents').waitFor();
    expect(await page.getByTestId('change-mrrEndCents').innerText()).to.match(/% vs \$/);
    await page.locator('[data-testid="analytics-chart"] canvas').first().waitFor();
    await screenshot(page, 'admin-analytics-revenue');

    const csv = await downloadText(page, () => page.getByTestId('export-csv').click());
    expect(csv.split('\n')[0]).to.equal('period,day,mrrCents,newCents,expansionCents,contractionCents,churnedCents,invoicedCents,paidCents');
    expect(csv).to.contain('previous,');

    await page.getByRole('tab', { name: 'Retention' }).click();
    await page.getByText('Signup cohorts by week').waitFor();
    await screenshot(page, 'admin-analytics-retention');
    await page.getByRole('tab', { name: 'Users & platform' }).click();
    await page.getByText('Top customers').waitFor();
    await page.locator('[data-testid="analytics-chart"] canvas').first().waitFor();
    await screenshot(page, 'admin-analytics-overview');
    await page.context().close();
  });
});
