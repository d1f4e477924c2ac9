import { Op } from 'sequelize';
import { db } from '../../../db/sequelize';
import { OPEN_TICKET_STATUSES, SupportTicket } from '../support.models';
import { notifyAssigned } from '../notifications';
import { pickAssignee } from './auto-assign';

/**
 * Tickets opened while every agent was full (or away) wait unassigned; this hands them out, oldest first,
 * as capacity frees up. Runs with the SLA job. Stops at the first ticket nobody can take.
 */
export async function assignWaitingTickets(limit = 100): Promise<{ assigned: number }> {
  const waiting = await SupportTicket.findAll({ attributes: ['id'], where: { assigneeId: null, status: { [Op.in]: [...OPEN_TICKET_STATUSES] } }, order: [['createdAt', 'ASC'], ['id', 'ASC']], limit });
  let assigned = 0;
  for (const { id } of waiting) {
    const outcome = await db().transaction(async (transaction) => {
      const ticket = await SupportTicket.findOne({ where: { id, assigneeId: null }, transaction, lock: transaction.LOCK.UPDATE, skipLocked: true });
      if (!ticket) return 'skipped';
      const assigneeId = await pickAssignee(transaction);
      if (!assigneeId) return 'full';
      await ticket.update({ assigneeId }, { transaction });
      await notifyAssigned(ticket, transaction);
      return 'assigned';
    });
    if (outcome === 'full') break;
    if (outcome === 'assigned') assigned++;
  }
  return { assigned };
}
