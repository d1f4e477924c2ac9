import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import type { Page } from '../../../http/route';
import { SupportTicket, TICKET_STATUSES } from '../support.models';
import { presentCustomerTicket } from '../support.presenter';
import { findOwnTicket, messagesOf } from '../ticket-store';

export const myTicketsListSpec: ListSpec = {
  fields: { status: { type: 'enum', values: TICKET_STATUSES } },
  sortable: ['updatedAt', 'createdAt'],
  defaultSort: ['updatedAt', 'desc'],
  search: ['subject', 'number'],
  maxPageSize: 50,
};

/** The customer's own tickets, a page at a time (simple-rest), latest activity first. */
export async function listMyTickets(customerId: string, query: Record<string, unknown>): Promise<Page<ReturnType<typeof presentCustomerTicket>>> {
  const page = await paginate(SupportTicket, parseListQuery(query, myTicketsListSpec), { where: { customerId } });
  return { ...page, rows: page.rows.map((t) => presentCustomerTicket(t)) };
}

/** One of the customer's own tickets with its public conversation (internal notes are filtered in SQL). */
export async function getMyTicket(customerId: string, id: string) {
  const ticket = await findOwnTicket(id, customerId);
  return presentCustomerTicket(ticket, await messagesOf(ticket.id, { publicOnly: true }));
}
