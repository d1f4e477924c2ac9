import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Support tickets (the plan's SupportTicket and TicketMessage): tickets with SLA due times, the
 * conversation (public replies and internal notes), canned responses, SLA targets per priority and the
 * support agents' capacity for round-robin assignment.
 */

// priority, first response target (minutes), resolution target (minutes)
const SLA_DEFAULTS: Array<[string, number, number]> = [
  ['urgent', 60, 8 * 60],
  ['high', 4 * 60, 24 * 60],
  ['normal', 8 * 60, 3 * 24 * 60],
  ['low', 24 * 60, 7 * 24 * 60],
];

export const up: Migration = async ({ context }) => {
  const q = (sql: string, replacements?: unknown[]) => context.sequelize.query(sql, { replacements });
  await q(`
    CREATE SEQUENCE support_ticket_number_seq;
    CREATE TABLE support_tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE DEFAULT ('T-' || lpad(nextval('support_ticket_number_seq')::text, 6, '0')),
      customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      subject text NOT NULL,
      description text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      priority_support boolean NOT NULL DEFAULT false,
      customer_tier text,
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      error_id text,
      first_response_due_at timestamptz NOT NULL,
      resolution_due_at timestamptz NOT NULL,
      first_responded_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      sla_breached boolean NOT NULL DEFAULT false,
      escalated_at timestamptz,
      rating_score smallint CHECK (rating_score BETWEEN 1 AND 5),
      rating_comment text,
      rated_at timestamptz,
      last_message_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON COLUMN support_tickets.customer_tier IS 'the customer''s tier when the ticket was opened';
    CREATE INDEX support_tickets_customer_idx ON support_tickets (customer_id, created_at DESC);
    CREATE INDEX support_tickets_status_created_idx ON support_tickets (status, created_at DESC);
    CREATE INDEX support_tickets_created_idx ON support_tickets (created_at DESC, id);
    -- Capacity checks count each agent's open tickets.
    CREATE INDEX support_tickets_assignee_open_idx ON support_tickets (assignee_id) WHERE status IN ('open', 'in_progress', 'waiting_on_customer');
    -- The SLA job looks for unbreached open tickets past a due time.
    CREATE INDEX support_tickets_sla_idx ON support_tickets (first_response_due_at, resolution_due_at) WHERE NOT sla_breached AND status IN ('open', 'in_progress', 'waiting_on_customer');
    CREATE INDEX support_tickets_error_idx ON support_tickets (error_id) WHERE error_id IS NOT NULL;

    CREATE TABLE ticket_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      author_kind text NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
      internal boolean NOT NULL DEFAULT false,
      content text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, created_at);

    CREATE TABLE canned_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      content text NOT NULL,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX canned_responses_title_key ON canned_responses (lower(title));

    CREATE TABLE sla_policies (
      priority text PRIMARY KEY CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
      resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE support_agents (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      active boolean NOT NULL DEFAULT true,
      max_open_tickets integer NOT NULL DEFAULT 25 CHECK (max_open_tickets >= 0),
      last_assigned_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
  for (const [priority, first, resolution] of SLA_DEFAULTS) {
    await q(`INSERT INTO sla_policies (priority, first_response_minutes, resolution_minutes) VALUES (?, ?, ?)`, [priority, first, resolution]);
  }
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TABLE IF EXISTS support_agents;
    DROP TABLE IF EXISTS sla_policies;
    DROP TABLE IF EXISTS canned_responses;
    DROP TABLE IF EXISTS ticket_messages;
    DROP TABLE IF EXISTS support_tickets;
    DROP SEQUENCE IF EXISTS support_ticket_number_seq;
  `);
};
