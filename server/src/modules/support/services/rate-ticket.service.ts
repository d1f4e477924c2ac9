import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { AppError } from '../../../http/errors';
import { presentCustomerTicket } from '../support.presenter';
import { findOwnTicket } from '../ticket-store';

/** The customer rates a resolved (or closed) ticket, once. */
export async function rateTicket(customerId: string, ticketId: string, input: { score: number; comment?: string | null }) {
  return db().transaction(async (transaction) => {
    const ticket = await findOwnTicket(ticketId, customerId, transaction, { lock: true });
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw AppError.conflict('ticket_not_resolved', 'You can rate a ticket once it is resolved.');
    if (ticket.ratingScore) throw AppError.conflict('already_rated', 'You have already rated this ticket.');
    await ticket.update({ ratingScore: input.score, ratingComment: input.comment?.trim() || null, ratedAt: clock.now() }, { transaction });
    return presentCustomerTicket(ticket);
  });
}
