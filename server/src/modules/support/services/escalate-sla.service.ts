import { Op, QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { OPEN_TICKET_STATUSES, SupportTicket, TicketMessage } from '../support.models';
import { breachOf, raisePriority } from '../sla';
import { notifyBreach } from '../notifications';

export const SLA_ESCALATE_JOB = 'support.sla-escalate';

/**
 * The SLA job: every open ticket past a due time is flagged as breached, raised one priority step, noted
 * in its conversation (internally) and the assignee and support admins are e-mailed. Each ticket is its
 * own transaction with a SKIP LOCKED row lock, so a run beside an agent's edit (or another run) neither
 * waits nor escalates twice; a flagged ticket is never escalated again.
 */
export async function escalateSlaBreaches(): Promise<{ escalated: number }> {
  const now = clock.now();
  const candidates = await db().query<{ id: string }>(
    `SELECT id FROM support_tickets
     WHERE NOT sla_breached AND status IN (${OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})
       AND ((first_responded_at IS NULL AND first_response_due_at <= ?) OR (status <> 'waiting_on_customer' AND resolution_due_at <= ?))
     ORDER BY first_response_due_at LIMIT 500`,
    { replacements: [now, now], type: QueryTypes.SELECT },
  );
  let escalated = 0;
  for (const { id } of candidates) {
    const done = await db().transaction(async (transaction) => {
      const ticket = await SupportTicket.findOne({ where: { id, slaBreached: false, status: { [Op.in]: [...OPEN_TICKET_STATUSES] } }, transaction, lock: transaction.LOCK.UPDATE, skipLocked: true });
      if (!ticket) return false;
      const breach = breachOf(ticket, now);
      if (!breach) return false;
      const from = ticket.priority;
      await ticket.update({ slaBreached: true, escalatedAt: now, priority: raisePriority(from), updatedAt: now }, { transaction });
      const what = breach === 'first_response' ? 'first response' : 'resolution';
      await TicketMessage.create(
        { ticketId: ticket.id, authorId: null, authorKind: 'system', internal: true, content: `SLA breached: the ${what} target was missed. Priority raised from ${from} to ${ticket.priority}.`, createdAt: now },
        { transaction },
      );
      await notifyBreach(ticket, breach, transaction);
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}
