import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import type { Page } from '../../../http/route';
import { SupportTicket, TICKET_PRIORITIES, TICKET_STATUSES } from '../support.models';
import { presentAgentTicket } from '../support.presenter';

// The customer's tier now (their live subscription), not the one stored when the ticket was opened.
const CURRENT_TIER = `(SELECT st.name FROM subscriptions s JOIN subscription_tiers st ON st.id = s.tier_id WHERE s.user_id = t.customer_id AND s.status <> 'cancelled' ORDER BY s.created_at DESC LIMIT 1)`;

export const ticketsListSpec: ListSpec = {
  fields: {
    status: { type: 'enum', values: TICKET_STATUSES },
    priority: { type: 'enum', values: TICKET_PRIORITIES },
    // an admin's id, or "none" for the unassigned queue
    assigneeId: { type: 'string', where: (op, values, bind) => {
      const ids = values.filter((v) => v !== 'none');
      const parts = [...(ids.length ? [`t.assignee_id::text IN (${ids.map(bind).join(', ')})`] : []), ...(values.includes('none') ? ['t.assignee_id IS NULL'] : [])];
      const sql = `(${parts.join(' OR ')})`;
      return op === 'ne' ? `NOT ${sql}` : sql;
    } },
    customerId: { type: 'uuid' },
    slaBreached: { type: 'enum', values: ['true', 'false'], where: (op, values) => {
      const sql = values.includes('true') && values.includes('false') ? 'TRUE' : values.includes('true') ? 't.sla_breached' : 'NOT t.sla_breached';
      return op === 'ne' ? `NOT (${sql})` : sql;
    } },
    customerTier: { type: 'enum', values: ['free', 'professional', 'enterprise'], where: (op, values, bind) => `COALESCE(${CURRENT_TIER}, 'free') ${op === 'ne' ? 'NOT ' : ''}IN (${values.map(bind).join(', ')})` },
    prioritySupport: { type: 'enum', values: ['true', 'false'], where: (_op, values) => (values[0] === 'true' ? 't.priority_support' : 'NOT t.priority_support') },
    errorId: { type: 'string' },
    createdAt: { type: 'date' },
  },
  sortable: ['createdAt', 'updatedAt', 'lastMessageAt', 'firstResponseDueAt', 'resolutionDueAt', 'number'],
  defaultSort: ['createdAt', 'desc'],
  search: ['subject', 'number', 'errorId'],
};

/** The agents' queue: filters, search, sort and one page, with customer, tier and assignee names. */
export async function listTickets(query: Record<string, unknown>): Promise<Page<ReturnType<typeof presentAgentTicket>>> {
  const lq = parseListQuery(query, ticketsListSpec);
  const page = await paginate(SupportTicket, lq, {
    extra: {
      customerName: '(SELECT name FROM users u WHERE u.id = t.customer_id)',
      customerEmail: '(SELECT email FROM users u WHERE u.id = t.customer_id)',
      currentTier: CURRENT_TIER,
      assigneeName: '(SELECT name FROM users u WHERE u.id = t.assignee_id)',
      assigneeEmail: '(SELECT email FROM users u WHERE u.id = t.assignee_id)',
    },
  });
  return {
    ...page,
    rows: page.rows.map((r) =>
      presentAgentTicket(r, {
        customer: { id: r.customerId, name: String(r.customerName ?? ''), email: String(r.customerEmail ?? ''), tier: (r.currentTier as string | null) ?? r.customerTier ?? 'free' },
        assignee: r.assigneeId ? { id: r.assigneeId, name: String(r.assigneeName ?? ''), email: String(r.assigneeEmail ?? '') } : null,
      }),
    ),
  };
}
