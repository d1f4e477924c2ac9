import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { AppError } from '../../../http/errors';
import { TicketMessage } from '../support.models';
import { presentCustomerMessage } from '../support.presenter';
import { findOwnTicket } from '../ticket-store';
import { notifyAssigneeOfReply } from '../notifications';

/**
 * The customer replies on their ticket. A reply to a ticket waiting on them or already resolved puts it
 * back in the queue as open; a closed ticket takes no more replies (they open a new one).
 */
export async function addCustomerMessage(customerId: string, ticketId: string, content: string) {
  return db().transaction(async (transaction) => {
    const ticket = await findOwnTicket(ticketId, customerId, transaction, { lock: true });
    if (ticket.status === 'closed') throw AppError.conflict('ticket_closed', 'This ticket is closed. Please open a new ticket.');
    const now = clock.now();
    const message = await TicketMessage.create({ ticketId, authorId: customerId, authorKind: 'customer', internal: false, content: content.trim(), createdAt: now }, { transaction });
    const reopen = ticket.status === 'waiting_on_customer' || ticket.status === 'resolved';
    await ticket.update({ lastMessageAt: now, updatedAt: now, ...(reopen ? { status: 'open', resolvedAt: null } : {}) }, { transaction });
    await notifyAssigneeOfReply(ticket, message.content, transaction);
    return presentCustomerMessage({ ...message.get({ plain: true }), authorName: null });
  });
}
