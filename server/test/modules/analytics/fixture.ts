import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { track, type AnalyticsEventType } from '../../../src/modules/analytics/track';
import { addDays } from '../../../src/modules/analytics/days';
import { bumpRollupVersion } from '../../../src/modules/analytics/report-cache';
import { makeProject, makeUser } from '../../support/factories';
import { makeSubscription } from '../../support/billing-factories';

export interface FixtureEvent {
  type: AnalyticsEventType;
  userId: string;
  projectId: string | null;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

/** Empties the analytics tables (the event log has no foreign key, so resetDatabase leaves it). */
export async function resetAnalytics(): Promise<void> {
  await db().query(`TRUNCATE analytics_events, analytics_daily_users, analytics_monthly_user_activity, analytics_daily_projects, analytics_mrr_daily, analytics_mrr_snapshots, analytics_daily_mrr, analytics_daily_platform, project_metrics, user_dashboard_metrics`);
  // cached admin reports belong to the rollups just emptied
  await db().transaction((t) => bumpRollupVersion(t));
}

/** A small deterministic generator (the fixture must be the same on every run). */
export function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const TYPES: AnalyticsEventType[] = ['login', 'project_created', 'snippet_created', 'analysis_run', 'analysis_completed', 'export_download', 'search', 'ticket_created', 'page_view', 'feature_used'];
const ANALYSIS_TYPES = ['security', 'quality', 'performance', 'bugs'];

/**
 * Three customers (Free, Professional, Enterprise) with two projects each, one staff member, and `count`
 * events spread over the `days` days starting at `firstDay`, recorded through track().
 */
export async function seedFixture(opts: { firstDay: string; days: number; count: number; seed?: number }) {
  const rnd = lcg(opts.seed ?? 7);
  const customers = [];
  for (const tier of ['free', 'professional', 'enterprise'] as const) {
    const user = await makeUser({ email: `${tier}@analytics.test`, name: `${tier} customer` });
    await makeSubscription(user.id, { tier });
    const projects = [await makeProject(user.id, { name: `${tier} one` }), await makeProject(user.id, { name: `${tier} two` })];
    customers.push({ user, tier, projects });
  }
  // the subscriptions exist since before the fixture's first day
  await db().query(`UPDATE subscriptions SET created_at = :at`, { replacements: { at: `${addDays(opts.firstDay, -1)}T00:00:00Z` } });
  const staff = await makeUser({ email: 'staff@analytics.test', role: 'analytics_admin' });
  const events: FixtureEvent[] = [];
  for (let i = 0; i < opts.count; i++) {
    const c = customers[Math.floor(rnd() * customers.length)];
    const type = TYPES[Math.floor(rnd() * TYPES.length)];
    const project = c.projects[Math.floor(rnd() * 2)];
    const day = addDays(opts.firstDay, Math.floor(rnd() * opts.days));
    const occurredAt = new Date(Date.parse(`${day}T00:00:00Z`) + Math.floor(rnd() * 86_400_000));
    const analysisType = ANALYSIS_TYPES[Math.floor(rnd() * 4)];
    const properties: Record<string, unknown> =
      type === 'analysis_completed' ? { analysisType, qualityScore: Math.floor(rnd() * 101), bugsFound: Math.floor(rnd() * 6), confidence: Math.round(rnd() * 1000) / 1000 } : type === 'analysis_run' ? { analysisType } : {};
    const projectId = ['project_created', 'snippet_created', 'analysis_run', 'analysis_completed'].includes(type) ? project.id : null;
    events.push({ type, userId: c.user.id, projectId, properties, occurredAt });
  }
  // staff activity must not count anywhere
  for (let d = 0; d < opts.days; d++) events.push({ type: 'login', userId: staff.id, projectId: null, properties: {}, occurredAt: new Date(`${addDays(opts.firstDay, d)}T12:00:00Z`) });
  for (const e of events) await track({ type: e.type, userId: e.userId, projectId: e.projectId, properties: e.properties, occurredAt: e.occurredAt });
  return { customers, staff, events };
}

export async function rows<T extends object>(sql: string, replacements: Record<string, unknown> = {}): Promise<T[]> {
  return db().query<T>(sql, { replacements, type: QueryTypes.SELECT });
}
