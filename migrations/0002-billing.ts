import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * The billing ledger (DESIGN.md "Billing ledger is ours"): tiers, accounts, subscriptions, usage, invoices,
 * payment attempts and inbound webhook events. Money is integer cents; totals are bigint.
 */

// name, display_name, monthly_price_cents, max_projects, max_analyses_per_month, max_storage_mb,
// priority support, advanced analytics, overage_analysis_cents (0 = hard limit), sort_order
const TIERS: Array<[string, string, number, number | null, number | null, number | null, boolean, boolean, number, number]> = [
  ['free', 'Free', 0, 3, 20, 1024, false, false, 0, 0],
  ['professional', 'Professional', 9_900, 50, 500, 25 * 1024, true, false, 10, 1],
  ['enterprise', 'Enterprise', 49_900, null, 5_000, 250 * 1024, true, true, 10, 2],
];

export const up: Migration = async ({ context }) => {
  const q = (sql: string, replacements?: unknown[]) => context.sequelize.query(sql, { replacements });
  await q(`
    CREATE TABLE subscription_tiers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      display_name text NOT NULL,
      monthly_price_cents bigint NOT NULL CHECK (monthly_price_cents >= 0),
      currency text NOT NULL DEFAULT 'usd',
      max_projects integer CHECK (max_projects >= 0),
      max_analyses_per_month integer CHECK (max_analyses_per_month >= 0),
      max_storage_mb integer CHECK (max_storage_mb >= 0),
      includes_priority_support boolean NOT NULL DEFAULT false,
      includes_advanced_analytics boolean NOT NULL DEFAULT false,
      overage_analysis_cents integer NOT NULL DEFAULT 0 CHECK (overage_analysis_cents >= 0),
      sort_order integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON COLUMN subscription_tiers.max_projects IS 'NULL = unlimited';
    COMMENT ON COLUMN subscription_tiers.overage_analysis_cents IS '0 = the analyses limit is hard (no overage)';

    CREATE TABLE billing_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      gateway_customer_id text,
      default_payment_method_id text,
      credit_balance_cents bigint NOT NULL DEFAULT 0 CHECK (credit_balance_cents >= 0),
      currency text NOT NULL DEFAULT 'usd',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX billing_accounts_gateway_customer_key ON billing_accounts (gateway_customer_id) WHERE gateway_customer_id IS NOT NULL;

    CREATE TABLE subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      tier_id uuid NOT NULL REFERENCES subscription_tiers(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'past_due', 'cancelled', 'trial')),
      anchor_day smallint NOT NULL CHECK (anchor_day BETWEEN 1 AND 31),
      current_period_start timestamptz NOT NULL,
      current_period_end timestamptz NOT NULL CHECK (current_period_end > current_period_start),
      cancel_at_period_end boolean NOT NULL DEFAULT false,
      cancelled_at timestamptz,
      scheduled_tier_id uuid REFERENCES subscription_tiers(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One live subscription per customer; cancelled ones stay as history.
    CREATE UNIQUE INDEX subscriptions_user_live_key ON subscriptions (user_id) WHERE status <> 'cancelled';
    CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, created_at DESC);
    CREATE INDEX subscriptions_tier_status_idx ON subscriptions (tier_id, status);
    -- The month-end run looks for periods that have ended.
    CREATE INDEX subscriptions_period_end_idx ON subscriptions (current_period_end) WHERE status <> 'cancelled';

    CREATE TABLE usage_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      metric text NOT NULL CHECK (metric IN ('analyses_run', 'projects_created', 'storage_bytes')),
      quantity bigint NOT NULL,
      period_start timestamptz NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX usage_records_period_idx ON usage_records (subscription_id, metric, period_start);

    CREATE SEQUENCE invoice_number_seq;
    CREATE TABLE invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE DEFAULT ('INV-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('invoice_number_seq')::text, 6, '0')),
      subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      kind text NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'proration', 'manual')),
      period_start timestamptz NOT NULL,
      period_end timestamptz NOT NULL,
      subtotal_cents bigint NOT NULL DEFAULT 0,
      tax_cents bigint NOT NULL DEFAULT 0,
      total_cents bigint NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
      overage_charges_cents bigint NOT NULL DEFAULT 0,
      credit_applied_cents bigint NOT NULL DEFAULT 0,
      currency text NOT NULL DEFAULT 'usd',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'paid', 'failed', 'refunded', 'void')),
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      paid_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- Re-running month end can never bill a period twice.
    CREATE UNIQUE INDEX invoices_regular_period_key ON invoices (subscription_id, period_start) WHERE kind = 'regular';
    CREATE INDEX invoices_subscription_idx ON invoices (subscription_id, created_at DESC);
    CREATE INDEX invoices_status_created_idx ON invoices (status, created_at DESC);
    CREATE INDEX invoices_next_attempt_idx ON invoices (next_attempt_at) WHERE status = 'failed';

    CREATE TABLE invoice_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
      description text NOT NULL,
      quantity bigint NOT NULL DEFAULT 1,
      unit_price_cents bigint NOT NULL,
      total_cents bigint NOT NULL,
      item_type text NOT NULL CHECK (item_type IN ('subscription', 'overage', 'credit', 'proration', 'tax')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invoice_items_invoice_idx ON invoice_items (invoice_id);

    CREATE TABLE payment_attempts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
      gateway text NOT NULL,
      gateway_payment_id text,
      idempotency_key text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      failure_code text,
      failure_message text,
      amount_cents bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payment_attempts_invoice_idx ON payment_attempts (invoice_id, created_at DESC);
    CREATE INDEX payment_attempts_gateway_payment_idx ON payment_attempts (gateway_payment_id) WHERE gateway_payment_id IS NOT NULL;

    CREATE TABLE webhook_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider text NOT NULL,
      event_id text NOT NULL UNIQUE,
      type text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'failed', 'ignored')),
      error text,
      received_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz
    );
    CREATE INDEX webhook_events_status_idx ON webhook_events (status, received_at);
  `);
  for (const t of TIERS) {
    await q(
      `INSERT INTO subscription_tiers (name, display_name, monthly_price_cents, max_projects, max_analyses_per_month, max_storage_mb,
         includes_priority_support, includes_advanced_analytics, overage_analysis_cents, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      t,
    );
  }
  // Everyone who exists already starts on Free, anchored on today (UTC midnight); Postgres' "+ 1 month"
  // clamps to the month's last day, the same rule as periods.ts.
  await q(`
    INSERT INTO billing_accounts (user_id) SELECT id FROM users ON CONFLICT (user_id) DO NOTHING;
    INSERT INTO subscriptions (user_id, tier_id, anchor_day, current_period_start, current_period_end)
    SELECT u.id, t.id, extract(day FROM d.start)::smallint, d.start AT TIME ZONE 'UTC', (d.start + interval '1 month') AT TIME ZONE 'UTC'
    FROM users u
    CROSS JOIN (SELECT id FROM subscription_tiers WHERE name = 'free') t
    CROSS JOIN (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AS start) d
    WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.id AND s.status <> 'cancelled');
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TABLE IF EXISTS webhook_events, payment_attempts, invoice_items, invoices, usage_records, subscriptions,
      billing_accounts, subscription_tiers CASCADE;
    DROP SEQUENCE IF EXISTS invoice_number_seq;
  `);
};
