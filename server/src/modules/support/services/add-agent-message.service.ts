import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { TicketMessage } from '../support.models';
import { presentAgentMessage } from '../support.presenter';
import { findTicket } from '../ticket-store';
import { notifyCustomerOfReply } from '../notifications';

/**
 * An agent answers (internal = false: the customer is e-mailed and the first response is recorded) or adds
 * an internal note (only agents ever see it). A public reply on an open ticket leaves it waiting on the customer.
 */
export async function addAgentMessage(actor: AuditActor & { id: string; name: string }, ticketId: string, input: { content: string; internal: boolean }) {
  return db().transaction(async (transaction) => {
    const ticket = await findTicket(ticketId, transaction, { lock: true });
    if (ticket.status === 'closed' && !input.internal) throw AppError.conflict('ticket_closed', 'This ticket is closed; add an internal note instead.');
    const now = clock.now();
    const message = await TicketMessage.create({ ticketId, authorId: actor.id, authorKind: 'agent', internal: input.internal, content: input.content.trim(), createdAt: now }, { transaction });
    if (!input.internal) {
      const answering = ticket.status === 'open' || ticket.status === 'in_progress';
      await ticket.update(
        { lastMessageAt: now, updatedAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now, ...(answering ? { status: 'waiting_on_customer' } : {}), ...(ticket.assigneeId ? {} : { assigneeId: actor.id }) },
        { transaction },
      );
      await notifyCustomerOfReply(ticket, actor.name, message.content, transaction);
    } else {
      await ticket.update({ updatedAt: now }, { transaction });
    }
    await audit(actor, { action: input.internal ? 'support_ticket.note' : 'support_ticket.reply', targetType: 'support_ticket', targetId: ticket.id, after: { messageId: message.id, internal: input.internal } }, transaction);
    return presentAgentMessage({ ...message.get({ plain: true }), authorName: actor.name });
  });
}
