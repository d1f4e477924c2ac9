import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './support.models';

export const idParams = z.object({ id: z.string().uuid() });

const text = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `At most ${max} characters`);

export const createTicketBody = z.strictObject({
  subject: z.string().trim().min(3, 'At least 3 characters').max(200, 'At most 200 characters'),
  description: text(10_000, 'A description'),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  // the id an error screen shows ("quote this id to support"); null or empty for none
  errorId: z.string().trim().max(100, 'At most 100 characters').regex(/^[A-Za-z0-9._:-]*$/, 'Letters, digits and . _ : - only').nullish(),
});

export const agentCreateTicketBody = createTicketBody.extend({ customerId: z.string().uuid() });

export const customerMessageBody = z.strictObject({ content: text(10_000, 'A message') });
export const agentMessageBody = z.strictObject({ content: text(10_000, 'A message'), internal: z.boolean().default(false) });

export const ratingBody = z.strictObject({
  score: z.number().int('Whole stars only').min(1, 'From 1 to 5').max(5, 'From 1 to 5'),
  comment: z.string().trim().max(2_000, 'At most 2000 characters').nullish(),
});

export const assignBody = z.strictObject({ assigneeId: z.string().uuid().nullable() });

export const updateTicketBody = z
  .strictObject({ status: z.enum(TICKET_STATUSES).optional(), priority: z.enum(TICKET_PRIORITIES).optional() })
  .refine((b) => b.status || b.priority, { message: 'Change the status or the priority' });

export const cannedResponseBody = z.strictObject({ title: text(120, 'A title'), content: text(10_000, 'The text') });
export const cannedResponsePatch = cannedResponseBody.partial();

const minutes = z.number().int('Whole minutes').min(1, 'At least 1 minute').max(60 * 24 * 90, 'At most 90 days');
export const slaPoliciesPatch = z.strictObject({
  policies: z.array(z.strictObject({ priority: z.enum(TICKET_PRIORITIES), firstResponseMinutes: minutes.optional(), resolutionMinutes: minutes.optional() })).min(1).max(4),
});

export const agentPatch = z.strictObject({ active: z.boolean().optional(), maxOpenTickets: z.number().int().min(0).max(1000).optional() });

const message = z.object({ id: z.string(), author: z.object({ kind: z.string(), name: z.string() }), content: z.string(), createdAt: z.string() });
export const customerTicketSchema = z
  .object({
    id: z.string(), number: z.string(), subject: z.string(), description: z.string(), status: z.enum(TICKET_STATUSES), priority: z.enum(TICKET_PRIORITIES),
    prioritySupport: z.boolean(), errorId: z.string().nullable(), rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(), canRate: z.boolean(),
    createdAt: z.string(), updatedAt: z.string(), messages: z.array(message).optional(),
  })
  .meta({ id: 'CustomerTicket' });

export const agentTicketSchema = z
  .object({
    id: z.string(), number: z.string(), subject: z.string(), status: z.enum(TICKET_STATUSES), priority: z.enum(TICKET_PRIORITIES), prioritySupport: z.boolean(),
    customerId: z.string(), customerName: z.string().nullable(), customerTier: z.string().nullable(), assigneeId: z.string().nullable(), assigneeName: z.string().nullable(),
    errorId: z.string().nullable(), firstResponseDueAt: z.string().nullable(), resolutionDueAt: z.string().nullable(), slaBreached: z.boolean(), createdAt: z.string(),
  })
  .meta({ id: 'AgentTicket' });

export const agentMessageSchema = z.object({ id: z.string(), authorKind: z.string(), authorName: z.string().nullable(), internal: z.boolean(), content: z.string(), createdAt: z.string() }).meta({ id: 'TicketMessage' });
