import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { OPEN_TICKET_STATUSES, SupportAgent } from '../support.models';

const OPEN = OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ');

/** Admins who can reply to tickets, with their round-robin settings and open-ticket load. */
export async function listAgents() {
  const rows = await db().query<{ userId: string; name: string; email: string; role: string; active: boolean | null; maxOpenTickets: number | null; openTickets: number; lastAssignedAt: Date | null }>(
    `SELECT u.id AS "userId", u.name, u.email, a.role, sa.active, sa.max_open_tickets AS "maxOpenTickets", sa.last_assigned_at AS "lastAssignedAt",
            (SELECT count(*)::int FROM support_tickets t WHERE t.assignee_id = u.id AND t.status IN (${OPEN})) AS "openTickets"
     FROM admin_users a JOIN users u ON u.id = a.user_id
     LEFT JOIN support_agents sa ON sa.user_id = u.id
     WHERE u.status = 'active' AND (sa.user_id IS NOT NULL OR a.role = 'super_admin' OR a.permissions @> '["tickets.reply"]'::jsonb
        OR EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_name = a.role AND rp.permission_key = 'tickets.reply'))
     ORDER BY u.name`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ ...r, inRotation: r.active === true, active: r.active ?? false, maxOpenTickets: r.maxOpenTickets ?? 0, lastAssignedAt: r.lastAssignedAt ? new Date(r.lastAssignedAt).toISOString() : null }));
}

/** Puts an admin in (or out of) the round-robin and sets their capacity. */
export async function updateAgent(actor: AuditActor, userId: string, input: { active?: boolean; maxOpenTickets?: number }) {
  await db().transaction(async (transaction) => {
    const [admin] = await db().query(`SELECT 1 FROM admin_users WHERE user_id = ?`, { replacements: [userId], transaction, type: QueryTypes.SELECT });
    if (!admin) throw AppError.notFound('Admin');
    const existing = await SupportAgent.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
    const before = existing ? { active: existing.active, maxOpenTickets: existing.maxOpenTickets } : null;
    const agent = existing ?? SupportAgent.build({ userId, active: false });
    agent.set({ ...(input.active !== undefined ? { active: input.active } : {}), ...(input.maxOpenTickets !== undefined ? { maxOpenTickets: input.maxOpenTickets } : {}) });
    await agent.save({ transaction });
    await audit(actor, { action: 'support_agent.update', targetType: 'user', targetId: userId, before, after: { active: agent.active, maxOpenTickets: agent.maxOpenTickets } }, transaction);
  });
  return (await listAgents()).find((a) => a.userId === userId)!;
}
