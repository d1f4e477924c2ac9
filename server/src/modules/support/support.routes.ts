import type { Api } from '../../http/route';
import { createTicket } from './services/create-ticket.service';
import { getMyTicket, listMyTickets, myTicketsListSpec } from './services/customer-tickets.service';
import { listQueryDoc } from '../../http/list-query';
import { addCustomerMessage } from './services/add-customer-message.service';
import { rateTicket } from './services/rate-ticket.service';
import { presentCustomerTicket } from './support.presenter';
import { createTicketBody, customerMessageBody, customerTicketSchema, idParams, ratingBody } from './support.schemas';

const tags = ['Support'];

/** The customer's side of support: their tickets, the public conversation, replies and a rating. */
export function supportRoutes(api: Api): void {
  api.route({
    method: 'get', path: '/support/tickets', tags, summary: 'My support tickets, latest activity first (simple-rest: _start, _end, status, q)', list: true,
    query: listQueryDoc(myTicketsListSpec), response: customerTicketSchema,
    handler: ({ auth, req }) => listMyTickets(auth.user.id, req.query as Record<string, unknown>),
  });

  api.route({
    method: 'post', path: '/support/tickets', tags, summary: 'Open a support ticket (optionally quoting an error id)', body: createTicketBody, response: customerTicketSchema,
    handler: async ({ auth, body }) => presentCustomerTicket(await createTicket({ ...body, customerId: auth.user.id }), []),
  });

  api.route({
    method: 'get', path: '/support/tickets/:id', tags, summary: 'One of my tickets with its public conversation', params: idParams, response: customerTicketSchema,
    handler: ({ auth, params }) => getMyTicket(auth.user.id, params.id),
  });

  api.route({
    method: 'post', path: '/support/tickets/:id/messages', tags, summary: 'Reply on my ticket', params: idParams, body: customerMessageBody,
    handler: ({ auth, params, body }) => addCustomerMessage(auth.user.id, params.id, body.content),
  });

  api.route({
    method: 'post', path: '/support/tickets/:id/rating', tags, summary: 'Rate my resolved ticket (1–5, once)', params: idParams, body: ratingBody, status: 200, response: customerTicketSchema,
    handler: ({ auth, params, body }) => rateTicket(auth.user.id, params.id, body),
  });
}
