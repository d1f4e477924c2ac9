import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { paginate, parseListQuery, escapeLike, type ListSpec } from '../../../http/list-query';
import { ErrorGroup, GROUP_STATUSES } from '../observability.models';
import { presentGroup } from '../observability.presenter';

export const errorGroupsListSpec: ListSpec = {
  fields: {
    status: { type: 'enum', values: GROUP_STATUSES },
    component: { type: 'string' },
    regressed: { type: 'enum', values: ['true', 'false'], where: (_op, values, bind) => `t.regressed = ${bind(values[0] === 'true')}` },
    lastSeenAt: { type: 'date' },
    firstSeenAt: { type: 'date' },
  },
  sortable: ['lastSeenAt', 'firstSeenAt', 'eventCount', 'userCount'],
  defaultSort: ['lastSeenAt', 'desc'],
  // `q` is handled below (it also finds a group by the id of one of its events); this documents it.
  search: ['message'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SENTRY_ID = /^[0-9a-f]{32}$/i;

/**
 * Error groups, newest activity first, each with its hourly trend over the last 24 hours. `q` is text
 * (message, type) or an id: a group's, an event's (the errorId a user quotes) or a Sentry event id.
 */
export async function listErrorGroups(query: Record<string, unknown>) {
  const { q, ...rest } = query;
  const lq = parseListQuery({ ...rest, ...(typeof q === 'string' && q.trim() ? { q: 'x' } : {}) }, errorGroupsListSpec);
  lq.filters = lq.filters.filter((f) => f.kind !== 'search');
  const text = typeof q === 'string' ? q.trim() : '';
  if (text) {
    lq.filters.push({
      kind: 'custom',
      op: 'eq',
      values: [text],
      sql: (_op, [v], bind) => {
        if (UUID.test(v)) {
          const p = bind(v);
          return `(t.id = ${p}::uuid OR t.id IN (SELECT error_group_id FROM system_logs WHERE id = ${p}::uuid))`;
        }
        if (SENTRY_ID.test(v)) return `t.id IN (SELECT error_group_id FROM system_logs WHERE sentry_event_id = ${bind(v.toLowerCase())})`;
        const p = bind(`%${escapeLike(v)}%`);
        return `(t.message ILIKE ${p} OR t.error_type ILIKE ${p} OR t.fingerprint = ${bind(v)})`;
      },
    });
  }
  const page = await paginate(ErrorGroup, lq, { omit: ['lastStack', 'lastContext'] });
  const trends = await hourlyTrends(page.rows.map((r) => r.id));
  return { ...page, rows: page.rows.map((g) => ({ ...presentGroup(g), trend: trends.get(g.id) ?? new Array(24).fill(0) })) };
}

/** Events per hour over the last 24 hours for each group (oldest hour first). */
async function hourlyTrends(ids: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!ids.length) return out;
  const rows = await db().query<{ groupId: string; hour: number; n: number }>(
    `SELECT error_group_id AS "groupId", floor(extract(epoch FROM (date_trunc('hour', $2::timestamptz) - date_trunc('hour', created_at))) / 3600)::int AS hour, count(*)::int AS n
       FROM system_logs WHERE error_group_id = ANY($1::uuid[]) AND created_at > date_trunc('hour', $2::timestamptz) - interval '23 hours'
      GROUP BY 1, 2`,
    { bind: [ids, clock.now()], type: QueryTypes.SELECT },
  );
  for (const r of rows) {
    const series = out.get(r.groupId) ?? new Array(24).fill(0);
    if (r.hour >= 0 && r.hour < 24) series[23 - r.hour] += r.n;
    out.set(r.groupId, series);
  }
  return out;
}
