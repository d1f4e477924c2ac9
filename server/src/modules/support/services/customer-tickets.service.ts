import { SupportTicket } from '../support.models';
import { presentCustomerTicket } from '../support.presenter';
import { findOwnTicket, messagesOf } from '../ticket-store';

/** The customer's own tickets, newest activity first (a customer has tens, not thousands). */
export async function listMyTickets(customerId: string) {
  const tickets = await SupportTicket.findAll({ where: { customerId }, order: [['updatedAt', 'DESC'], ['id', 'DESC']], limit: 200 });
  return tickets.map((t) => presentCustomerTicket(t));
}

/** One of the customer's own tickets with its public conversation (internal notes are filtered in SQL). */
export async function getMyTicket(customerId: string, id: string) {
  const ticket = await findOwnTicket(id, customerId);
  return presentCustomerTicket(ticket, await messagesOf(ticket.id, { publicOnly: true }));
}
