import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { audit, type AuditActor } from '../../admin/audit';
import type { TicketPriority, TicketStatus } from '../support.models';
import { findTicket } from '../ticket-store';
import { notifyCustomerOfStatus } from '../notifications';
import { presentTicketForAgent } from './get-ticket.service';

/** Changes a ticket's status and/or priority; the customer is e-mailed when the status changes. */
export async function updateTicket(actor: AuditActor, ticketId: string, input: { status?: TicketStatus; priority?: TicketPriority }, opts: { resolving?: boolean } = {}) {
  const ticket = await db().transaction(async (transaction) => {
    const ticket = await findTicket(ticketId, transaction, { lock: true });
    // checked under the row lock, so two agents resolving at once get one success and one clear 409
    if (opts.resolving && ticket.status === 'closed') throw AppError.conflict('ticket_closed', 'This ticket is already closed.');
    if (opts.resolving && ticket.status === 'resolved') throw AppError.conflict('already_resolved', 'This ticket is already resolved.');
    const before = { status: ticket.status, priority: ticket.priority };
    const now = clock.now();
    const changes: Record<string, unknown> = {};
    if (input.priority && input.priority !== ticket.priority) changes.priority = input.priority;
    if (input.status && input.status !== ticket.status) {
      changes.status = input.status;
      if (input.status === 'resolved') changes.resolvedAt = now;
      else if (input.status === 'closed') {
        changes.closedAt = now;
        changes.resolvedAt = ticket.resolvedAt ?? now;
      } else {
        changes.resolvedAt = null;
        changes.closedAt = null;
      }
    }
    if (!Object.keys(changes).length) return ticket;
    await ticket.update({ ...changes, updatedAt: now }, { transaction });
    if (changes.status) await notifyCustomerOfStatus(ticket, transaction);
    await audit(actor, { action: 'support_ticket.update', targetType: 'support_ticket', targetId: ticket.id, before, after: { status: ticket.status, priority: ticket.priority } }, transaction);
    return ticket;
  });
  return presentTicketForAgent(ticket);
}
