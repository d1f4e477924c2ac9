import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { ErrorGroup, SystemLog } from '../observability.models';
import { presentGroup, presentLog } from '../observability.presenter';

/** One error group with its latest stack and context, its recent events and a 14-day daily trend. */
export async function getErrorGroup(id: string) {
  const group = await ErrorGroup.findByPk(id);
  if (!group) throw AppError.notFound('Error group');
  const events = await SystemLog.findAll({ where: { errorGroupId: id }, order: [['createdAt', 'DESC']], limit: 50 });
  const days = await db().query<{ day: string; n: number }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day, (SELECT count(*)::int FROM system_logs l WHERE l.error_group_id = $1 AND l.created_at >= d AND l.created_at < d + interval '1 day') AS n
       FROM generate_series(date_trunc('day', $2::timestamptz) - interval '13 days', date_trunc('day', $2::timestamptz), interval '1 day') d ORDER BY d`,
    { bind: [id, clock.now()], type: QueryTypes.SELECT },
  );
  return { ...presentGroup(group.get({ plain: true })), events: events.map((e) => presentLog(e.get({ plain: true }))), dailyTrend: days.map((d) => ({ day: d.day, count: d.n })) };
}
