/**
 * Analytics for the demo history: the events the platform would have recorded while the seeded
 * customers signed in, created projects and snippets, ran analyses, exported and searched, plus UI
 * page views; then the rollups are rebuilt for the whole history (what `npm run analytics:backfill`
 * does), so the dashboards have six months to show on first start. Runs inside the demo seed's
 * transaction and is deterministic (its own seeded generator; every date derives from the seeded rows).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { addDays, dayOf } from '../server/src/modules/analytics/days';
import { rebuildRollups } from '../server/src/modules/analytics/services/rollup.service';
import { DAY_MS, HOUR_MS } from '../server/src/lib/time';

interface Ev {
  userId: string;
  projectId: string | null;
  type: string;
  source: 'server' | 'ui';
  properties: Record<string, unknown>;
  at: Date;
}

const PAGES = ['/projects', '/projects/:id', '/analyses/:id', '/billing', '/analytics', '/support', '/account'];

function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Writes the demo events and rebuilds the rollups; returns how many events were written. */
export async function seedDemoAnalytics(now: Date, transaction: Transaction): Promise<number> {
  const rnd = generator(2026);
  const q = <T extends object>(sql: string) => db().query<T>(sql, { transaction, type: QueryTypes.SELECT });
  const users = await q<{ id: string; created_at: Date; last_active_at: Date | null }>(
    `SELECT id, created_at, last_active_at FROM users WHERE id NOT IN (SELECT user_id FROM admin_users) AND status = 'active'`,
  );
  const projects = await q<{ id: string; owner_id: string; created_at: Date }>(`SELECT id, owner_id, created_at FROM projects`);
  const snippets = await q<{ project_id: string; owner_id: string; language: string; size_bytes: number; created_at: Date }>(`SELECT project_id, owner_id, language, size_bytes, created_at FROM snippets`);
  const analyses = await q<{ id: string; project_id: string; owner_id: string; type: string; status: string; quality_score: number | null; bugs_found: number | null; confidence: number | null; created_at: Date; completed_at: Date | null }>(
    `SELECT id, project_id, owner_id, type, status, quality_score, bugs_found, confidence, created_at, completed_at FROM analyses`,
  );
  const [{ tickets }] = await q<{ tickets: boolean }>(`SELECT to_regclass('support_tickets') IS NOT NULL AS tickets`);
  const ticketRows = tickets ? await q<{ id: string; customer_id: string; created_at: Date }>(`SELECT id, customer_id, created_at FROM support_tickets`) : [];

  const events: Ev[] = [];
  const push = (e: Omit<Ev, 'source'> & { source?: 'server' | 'ui' }) => e.at.getTime() <= now.getTime() && events.push({ source: 'server', ...e });
  for (const p of projects) push({ userId: p.owner_id, projectId: p.id, type: 'project_created', properties: {}, at: new Date(p.created_at) });
  for (const s of snippets) push({ userId: s.owner_id, projectId: s.project_id, type: 'snippet_created', properties: { language: s.language, sizeBytes: s.size_bytes }, at: new Date(s.created_at) });
  for (const a of analyses) {
    push({ userId: a.owner_id, projectId: a.project_id, type: 'analysis_run', properties: { analysisId: a.id, analysisType: a.type }, at: new Date(a.created_at) });
    if (a.status === 'completed' && a.completed_at) {
      push({ userId: a.owner_id, projectId: a.project_id, type: 'analysis_completed', properties: { analysisId: a.id, analysisType: a.type, qualityScore: a.quality_score, bugsFound: a.bugs_found, confidence: a.confidence }, at: new Date(a.completed_at) });
    }
  }
  for (const t of ticketRows) push({ userId: t.customer_id, projectId: null, type: 'ticket_created', properties: { ticketId: t.id }, at: new Date(t.created_at) });
  // Sessions: every customer signs in on some of the days between joining and their last activity, looks
  // at a few pages, and now and then searches or exports.
  for (const u of users) {
    const start = new Date(u.created_at).getTime();
    const end = Math.min((u.last_active_at ? new Date(u.last_active_at) : now).getTime(), now.getTime());
    const activity = 0.15 + rnd() * 0.45; // share of days with a session
    for (let t = start; t <= end; t += DAY_MS) {
      if (t !== start && rnd() > activity) continue;
      const at = new Date(Math.min(t + Math.floor(rnd() * 10 * HOUR_MS), end));
      push({ userId: u.id, projectId: null, type: 'login', properties: {}, at });
      const views = 1 + Math.floor(rnd() * 5);
      for (let v = 0; v < views; v++) push({ userId: u.id, projectId: null, type: 'page_view', source: 'ui', properties: { path: PAGES[Math.floor(rnd() * PAGES.length)] }, at: new Date(at.getTime() + (v + 1) * 60_000) });
      if (rnd() < 0.12) push({ userId: u.id, projectId: null, type: 'search', properties: { queryLength: 3 + Math.floor(rnd() * 12), results: Math.floor(rnd() * 20) }, at: new Date(at.getTime() + 7 * 60_000) });
      if (rnd() < 0.04) push({ userId: u.id, projectId: null, type: 'export_download', properties: { dataset: 'timeline' }, at: new Date(at.getTime() + 9 * 60_000) });
    }
  }

  for (let i = 0; i < events.length; i += 5_000) {
    const chunk = events.slice(i, i + 5_000);
    await db().query(
      `INSERT INTO analytics_events (user_id, project_id, event_type, source, properties, occurred_at)
       SELECT u, p, t, s, pr::jsonb, o FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS x(u, p, t, s, pr, o)`,
      { transaction, bind: [chunk.map((e) => e.userId), chunk.map((e) => e.projectId), chunk.map((e) => e.type), chunk.map((e) => e.source), chunk.map((e) => JSON.stringify(e.properties)), chunk.map((e) => e.at.toISOString())] },
    );
  }
  // The backfill: every day from the first signup through yesterday (today stays live for customers).
  const first = users.reduce((m, u) => Math.min(m, new Date(u.created_at).getTime()), now.getTime());
  const today = dayOf(now);
  // Months older than the partitions the migration created would land in the default partition: fine for
  // the rollups, and `npm run analytics:backfill` moves them into their own partitions later.
  await rebuildRollups(transaction, addDays(dayOf(new Date(first)), 0), today);
  return events.length;
}
