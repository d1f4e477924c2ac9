import { z } from 'zod';
import type { Api } from '../../http/route';
import { listQueryDoc } from '../../http/list-query';
import { actorOf } from '../admin/audit';
import { listTickets, ticketsListSpec } from './services/list-tickets.service';
import { getTicketForAgent, listTicketMessages, presentTicketForAgent } from './services/get-ticket.service';
import { createTicket } from './services/create-ticket.service';
import { assignTicket } from './services/assign-ticket.service';
import { resolveTicket } from './services/resolve-ticket.service';
import { updateTicket } from './services/update-ticket.service';
import { addAgentMessage } from './services/add-agent-message.service';
import { cannedResponsesForTicket, createCannedResponse, deleteCannedResponse, getCannedResponse, listCannedResponses, updateCannedResponse } from './services/canned-responses.service';
import { listSlaPolicies, updateSlaPolicies } from './services/sla-policies.service';
import { listAgents, updateAgent } from './services/agents.service';
import { PLACEHOLDERS } from './placeholders';
import {
  agentCreateTicketBody, agentMessageBody, agentMessageSchema, agentPatch, agentTicketSchema, assignBody, cannedResponseBody, cannedResponsePatch, idParams, slaPoliciesPatch, updateTicketBody,
} from './support.schemas';

const tags = ['Admin: support'];
const BASE = '/admin/support';

/** The agents' side of support: the queue, conversations and notes, assignment, canned responses, SLAs and agents. */
export function supportAdminRoutes(api: Api): void {
  api.route({
    method: 'get', path: `${BASE}/tickets`, tags, permission: 'tickets.read', list: true, query: listQueryDoc(ticketsListSpec), response: agentTicketSchema,
    summary: 'The ticket queue (simple-rest): status, priority, assignee (id or "none"), slaBreached, customerTier, q',
    handler: ({ req }) => listTickets(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'post', path: `${BASE}/tickets`, tags, permission: 'tickets.reply', body: agentCreateTicketBody, response: agentTicketSchema,
    summary: 'Open a ticket on behalf of a customer',
    handler: async ({ req, body }) => presentTicketForAgent(await createTicket(body, { actor: actorOf(req) })),
  });

  api.route({
    method: 'get', path: `${BASE}/tickets/:id`, tags, permission: 'tickets.read', params: idParams,
    summary: 'A ticket with its customer card and whole conversation (internal notes included)',
    handler: ({ params }) => getTicketForAgent(params.id),
  });

  api.route({
    method: 'patch', path: `${BASE}/tickets/:id`, tags, permission: 'tickets.manage', params: idParams, body: updateTicketBody, response: agentTicketSchema,
    summary: 'Change status and/or priority (the customer is e-mailed on a status change)',
    handler: ({ req, params, body }) => updateTicket(actorOf(req), params.id, body),
  });

  api.route({
    method: 'post', path: `${BASE}/tickets/:id/assign`, tags, permission: 'tickets.manage', params: idParams, body: assignBody, status: 200, response: agentTicketSchema,
    summary: 'Assign to an admin who can reply to tickets (null unassigns)',
    handler: ({ req, params, body }) => assignTicket(actorOf(req), params.id, body.assigneeId),
  });

  api.route({
    method: 'post', path: `${BASE}/tickets/:id/resolve`, tags, permission: 'tickets.manage', params: idParams, status: 200, response: agentTicketSchema,
    summary: 'Mark resolved (the customer is e-mailed and may rate it)',
    handler: ({ req, params }) => resolveTicket(actorOf(req), params.id),
  });

  api.route({
    method: 'get', path: `${BASE}/tickets/:id/messages`, tags, permission: 'tickets.read', params: idParams, response: z.array(agentMessageSchema),
    summary: 'The ticket conversation, public replies and internal notes',
    handler: ({ params }) => listTicketMessages(params.id),
  });

  api.route({
    method: 'post', path: `${BASE}/tickets/:id/messages`, tags, permission: 'tickets.reply', params: idParams, body: agentMessageBody, response: agentMessageSchema,
    summary: 'Reply to the customer, or add an internal note (internal: true) the customer never sees',
    handler: ({ req, auth, params, body }) => addAgentMessage({ ...actorOf(req), id: auth.user.id, name: auth.user.name }, params.id, body),
  });

  api.route({
    method: 'get', path: `${BASE}/tickets/:id/canned-responses`, tags, permission: 'tickets.reply', params: idParams,
    summary: 'Canned responses with placeholders filled in for this ticket and agent',
    handler: ({ auth, params }) => cannedResponsesForTicket(params.id, { name: auth.user.name }),
  });

  api.route({
    method: 'get', path: `${BASE}/canned-responses`, tags, permission: 'tickets.read', list: true,
    summary: 'Canned responses, by title (all of them; a team has tens)',
    handler: async () => {
      const rows = await listCannedResponses();
      return { rows, total: rows.length };
    },
  });

  api.route({
    method: 'get', path: `${BASE}/canned-responses/placeholders`, tags, permission: 'tickets.read', summary: 'The placeholders canned responses may use',
    handler: () => Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name, token: `{{${name}}}`, description })),
  });

  api.route({
    method: 'get', path: `${BASE}/canned-responses/:id`, tags, permission: 'tickets.read', params: idParams, summary: 'One canned response',
    handler: ({ params }) => getCannedResponse(params.id),
  });

  api.route({
    method: 'post', path: `${BASE}/canned-responses`, tags, permission: 'tickets.manage', body: cannedResponseBody, summary: 'Create a canned response',
    handler: ({ req, body }) => createCannedResponse(actorOf(req), body),
  });

  api.route({
    method: 'patch', path: `${BASE}/canned-responses/:id`, tags, permission: 'tickets.manage', params: idParams, body: cannedResponsePatch, summary: 'Edit a canned response',
    handler: ({ req, params, body }) => updateCannedResponse(actorOf(req), params.id, body),
  });

  api.route({
    method: 'delete', path: `${BASE}/canned-responses/:id`, tags, permission: 'tickets.manage', params: idParams, status: 204, summary: 'Delete a canned response',
    handler: ({ req, params }) => deleteCannedResponse(actorOf(req), params.id),
  });

  api.route({
    method: 'get', path: `${BASE}/sla-policies`, tags, permission: 'tickets.read', summary: 'SLA targets per priority (minutes)',
    handler: () => listSlaPolicies(),
  });

  api.route({
    method: 'patch', path: `${BASE}/sla-policies`, tags, permission: 'tickets.manage', body: slaPoliciesPatch, summary: 'Change SLA targets of some priorities',
    handler: ({ req, body }) => updateSlaPolicies(actorOf(req), body.policies),
  });

  api.route({
    method: 'get', path: `${BASE}/agents`, tags, permission: 'tickets.read', summary: 'Admins who can take tickets, with round-robin settings and load',
    handler: () => listAgents(),
  });

  api.route({
    method: 'patch', path: `${BASE}/agents/:id`, tags, permission: 'tickets.manage', params: idParams, body: agentPatch, summary: 'Put an admin in or out of the round-robin; set their capacity',
    handler: ({ req, params, body }) => updateAgent(actorOf(req), params.id, body),
  });
}
