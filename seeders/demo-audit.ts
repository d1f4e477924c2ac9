/**
 * The audit trail of the demo history: one row for every staff action the other demo seeders' data shows,
 * written as the services write them (same action names, targets and before/after shapes) at the moment
 * the data says it happened. Everything is read back from the seeded rows, nothing is listed by hand:
 *
 * - every agent message on a ticket: support_ticket.reply / support_ticket.note by its author, at its time;
 * - a ticket held by an admin who is not in the round-robin: the round-robin gave it to the agent in rotation,
 *   so the holder took it over (support_ticket.assign), when it was escalated or else when it was opened;
 * - a ticket whose status is not the one its messages leave it in (a reply leaves it waiting on the
 *   customer, a customer message reopens it): its assignee changed it (support_ticket.update) at its last
 *   update, which is when it was resolved or closed;
 * - every canned response: canned_response.create by the admin who created it, at its creation;
 * - every suspended customer: user.suspended by the super admin, at the account's last change (its last
 *   activity: the suspension ended that session).
 *
 * Customers' own actions (opening tickets, the plan upgrade in the portal) and the jobs' (month end, payment
 * retries, SLA escalation) are not audited by the product, so they have no rows here either.
 * Rows go in oldest first, so the hash chain's order is the time order; a row already present (same action,
 * target and time) is not written again.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { AuditLog } from '../server/src/modules/admin/admin.models';
import { auditRow, type AuditActor, type AuditEntry } from '../server/src/modules/admin/audit';
import type { TicketStatus } from '../server/src/modules/support/support.models';

/** Why the demo customers were suspended: the console requires a reason; the data cannot say which. */
const SUSPENSION_REASON = 'Violation of the terms of service';

/**
 * Where each staff account works from, as req.ip and the User-Agent header would record it. Addresses are
 * from the documentation ranges (RFC 5737), so they can never be someone's real address.
 */
const DEVICES: Record<string, { ip: string; userAgent: string }> = {
  'ops@example.com': { ip: '203.0.113.24', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
  'billing@example.com': { ip: '203.0.113.61', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0' },
  'support@example.com': { ip: '198.51.100.57', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0' },
  'analyst@example.com': { ip: '198.51.100.112', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15' },
};

interface Staff {
  id: string;
  email: string;
  role: string;
}

interface Planned {
  actor: AuditActor;
  entry: AuditEntry;
  at: Date;
}

/** Writes the demo audit rows (in the caller's transaction); returns how many it added. */
export async function seedDemoAudit(transaction: Transaction): Promise<number> {
  const q = <T extends object>(sql: string) => db().query<T>(sql, { transaction, type: QueryTypes.SELECT });
  const staff = await q<Staff>(`SELECT u.id, u.email, a.role FROM admin_users a JOIN users u ON u.id = a.user_id ORDER BY a.created_at, u.email`);
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const actorOf = (s: Staff): AuditActor => ({ id: s.id, email: s.email, ip: DEVICES[s.email]?.ip ?? null, userAgent: DEVICES[s.email]?.userAgent ?? null });
  const planned: Planned[] = [];
  const add = (who: Staff | undefined, at: Date, entry: AuditEntry) => who && planned.push({ actor: actorOf(who), entry, at: new Date(at) });

  // --- Tickets -------------------------------------------------------------------------------------------
  const tickets = await q<{ id: string; status: TicketStatus; priority: string; assignee_id: string | null; created_at: Date; updated_at: Date; escalated_at: Date | null }>(
    `SELECT id, status, priority, assignee_id, created_at, updated_at, escalated_at FROM support_tickets ORDER BY created_at, id`,
  );
  const messages = await q<{ id: string; ticket_id: string; author_id: string | null; author_kind: 'customer' | 'agent'; internal: boolean; created_at: Date }>(
    `SELECT id, ticket_id, author_id, author_kind, internal, created_at FROM ticket_messages ORDER BY created_at, id`,
  );
  // pickAssignee only ever hands tickets to admins in the rotation.
  const rotation = (await q<{ user_id: string }>(`SELECT user_id FROM support_agents WHERE active ORDER BY created_at, user_id`)).map((r) => r.user_id);

  for (const t of tickets) {
    const assignee = t.assignee_id ? staffById.get(t.assignee_id) : undefined;
    if (assignee && !rotation.includes(assignee.id)) {
      const roundRobin = rotation[0] ?? null;
      add(assignee, t.escalated_at ?? t.created_at, { action: 'support_ticket.assign', targetType: 'support_ticket', targetId: t.id, before: { assigneeId: roundRobin }, after: { assigneeId: assignee.id } });
    }

    // The status the messages leave the ticket in, by addAgentMessage's and addCustomerMessage's rules.
    let status = 'open' as TicketStatus; // as createTicket opens it
    let lastAgent: Staff | undefined;
    for (const m of messages.filter((m) => m.ticket_id === t.id)) {
      if (m.author_kind === 'customer') {
        if (status === 'waiting_on_customer' || status === 'resolved') status = 'open';
        continue;
      }
      const author = m.author_id ? staffById.get(m.author_id) : undefined;
      lastAgent = author ?? lastAgent;
      if (!m.internal && (status === 'open' || status === 'in_progress')) status = 'waiting_on_customer';
      add(author, m.created_at, { action: m.internal ? 'support_ticket.note' : 'support_ticket.reply', targetType: 'support_ticket', targetId: t.id, after: { messageId: m.id, internal: m.internal } });
    }
    // Anything else is a status someone set by hand (updateTicket), the last thing that happened to the ticket.
    if (status !== t.status) {
      add(assignee ?? lastAgent, t.updated_at, { action: 'support_ticket.update', targetType: 'support_ticket', targetId: t.id, before: { status, priority: t.priority }, after: { status: t.status, priority: t.priority } });
    }
  }

  // --- Canned responses (the payload is canned-responses.service's presentation) ---------------------------
  const canned = await q<{ id: string; title: string; content: string; created_by: string | null; created_at: Date; updated_at: Date }>(
    `SELECT id, title, content, created_by, created_at, updated_at FROM canned_responses ORDER BY created_at, id`,
  );
  for (const c of canned) {
    const after = { id: c.id, title: c.title, content: c.content, createdAt: new Date(c.created_at).toISOString(), updatedAt: new Date(c.updated_at).toISOString() };
    add(c.created_by ? staffById.get(c.created_by) : undefined, c.created_at, { action: 'canned_response.create', targetType: 'canned_response', targetId: c.id, after });
  }

  // --- Suspended customers -------------------------------------------------------------------------------
  const superAdmin = staff.find((s) => s.role === 'super_admin');
  const suspended = await q<{ id: string; updated_at: Date }>(
    `SELECT id, updated_at FROM users WHERE status = 'suspended' AND deleted_at IS NULL AND id NOT IN (SELECT user_id FROM admin_users) ORDER BY updated_at, id`,
  );
  for (const u of suspended) {
    add(superAdmin, u.updated_at, { action: 'user.suspended', targetType: 'user', targetId: u.id, before: { status: 'active' }, after: { status: 'suspended', reason: SUSPENSION_REASON, sessionsEnded: 1 } });
  }

  // --- Write, oldest first, skipping what is already there ------------------------------------------------
  const keyOf = (action: string, targetId: string | null | undefined, at: Date) => `${action}|${targetId ?? ''}|${at.toISOString()}`;
  const present = new Set(
    (await q<{ action: string; target_id: string | null; created_at: Date }>(`SELECT action, target_id, created_at FROM audit_logs`)).map((r) => keyOf(r.action, r.target_id, new Date(r.created_at))),
  );
  const rows = planned
    .filter((p) => !present.has(keyOf(p.entry.action, p.entry.targetId, p.at)))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(({ actor, entry, at }) => ({ ...auditRow(actor, entry), createdAt: at }));
  // One statement: the chain trigger runs row by row in this order, each row seeing the one before it.
  if (rows.length > 0) await AuditLog.bulkCreate(rows, { transaction, returning: false });
  return rows.length;
}
