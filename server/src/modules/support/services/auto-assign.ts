import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { OPEN_TICKET_STATUSES } from '../support.models';

// One lock for every assignment: two tickets created at the same moment must not both see the same agent
// as "least recently assigned and under capacity". Held until the creating transaction ends.
const ASSIGNMENT_LOCK = 7_316_404;

/**
 * Picks the agent for a new ticket, fair round-robin: among active agents (still active admins) holding
 * fewer open tickets than their capacity, the one assigned least recently. Returns null when every agent
 * is full or inactive; the ticket then waits unassigned in the queue.
 */
export async function pickAssignee(transaction: Transaction): Promise<string | null> {
  await db().query(`SELECT pg_advisory_xact_lock(${ASSIGNMENT_LOCK})`, { transaction, type: QueryTypes.SELECT });
  const open = OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ');
  const [agent] = await db().query<{ userId: string }>(
    `SELECT a.user_id AS "userId"
     FROM support_agents a
     JOIN users u ON u.id = a.user_id AND u.status = 'active'
     JOIN admin_users au ON au.user_id = a.user_id
     WHERE a.active
       AND (SELECT count(*) FROM support_tickets t WHERE t.assignee_id = a.user_id AND t.status IN (${open})) < a.max_open_tickets
     ORDER BY a.last_assigned_at ASC NULLS FIRST, a.created_at, a.user_id
     LIMIT 1`,
    { transaction, type: QueryTypes.SELECT },
  );
  if (!agent) return null;
  // Strictly increasing even within one millisecond, so the order of turns never ties.
  await db().query(
    `UPDATE support_agents SET last_assigned_at = GREATEST(?::timestamptz, (SELECT max(last_assigned_at) FROM support_agents) + interval '1 millisecond'), updated_at = now() WHERE user_id = ?`,
    { replacements: [clock.now(), agent.userId], transaction, type: QueryTypes.UPDATE },
  );
  return agent.userId;
}
