import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { presentAgentMessage, presentAgentTicket } from '../support.presenter';
import { customerTierOf, findTicket, messagesOf, personOf } from '../ticket-store';
import type { SupportTicket } from '../support.models';

/** The ticket as agents see it, with customer (tier, other tickets) and assignee. */
export async function presentTicketForAgent(ticket: SupportTicket) {
  const customer = await personOf(ticket.customerId);
  const assignee = await personOf(ticket.assigneeId);
  const { tier } = await customerTierOf(ticket.customerId);
  return presentAgentTicket(ticket, { customer: customer ? { ...customer, tier } : null, assignee });
}

/** One ticket for the console: the ticket, its customer card and the whole conversation, notes included. */
export async function getTicketForAgent(id: string) {
  const ticket = await findTicket(id);
  const [{ n }] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM support_tickets WHERE customer_id = ?`, { replacements: [ticket.customerId], type: QueryTypes.SELECT });
  const customer = await personOf(ticket.customerId);
  const { tier, prioritySupport } = await customerTierOf(ticket.customerId);
  return {
    ...(await presentTicketForAgent(ticket)),
    customer: customer ? { ...customer, tier, prioritySupport, ticketCount: n } : null,
    messages: (await messagesOf(ticket.id, { publicOnly: false })).map(presentAgentMessage),
  };
}

/** The whole conversation of a ticket (public replies and internal notes), oldest first. */
export async function listTicketMessages(id: string) {
  const ticket = await findTicket(id);
  return (await messagesOf(ticket.id, { publicOnly: false })).map(presentAgentMessage);
}
