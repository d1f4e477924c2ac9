import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { findTicket } from '../ticket-store';
import { notifyAssigned } from '../notifications';
import { presentTicketForAgent } from './get-ticket.service';

/** Assigns a ticket to an admin who may reply to tickets, or unassigns it (null). */
export async function assignTicket(actor: AuditActor, ticketId: string, assigneeId: string | null) {
  const ticket = await db().transaction(async (transaction) => {
    const ticket = await findTicket(ticketId, transaction, { lock: true });
    if (assigneeId) {
      const [ok] = await db().query(
        `SELECT 1 FROM admin_users a JOIN users u ON u.id = a.user_id
         WHERE a.user_id = ? AND u.status = 'active'
           AND (a.role = 'super_admin' OR a.permissions @> '["tickets.reply"]'::jsonb OR EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_name = a.role AND rp.permission_key = 'tickets.reply'))`,
        { replacements: [assigneeId], transaction, type: QueryTypes.SELECT },
      );
      if (!ok) throw AppError.validation({ assigneeId: ['Choose an active admin who can reply to tickets'] });
    }
    const before = ticket.assigneeId;
    if (before === assigneeId) return ticket;
    await ticket.update({ assigneeId }, { transaction });
    if (assigneeId) await notifyAssigned(ticket, transaction);
    await audit(actor, { action: 'support_ticket.assign', targetType: 'support_ticket', targetId: ticket.id, before: { assigneeId: before }, after: { assigneeId } }, transaction);
    return ticket;
  });
  return presentTicketForAgent(ticket);
}
