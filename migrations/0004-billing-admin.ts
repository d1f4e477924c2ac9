import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * What the billing admins' tools write: refunds of invoices (with the amount refunded kept on the invoice),
 * credit grants (the ledger of account credit given by hand), churn (the paid tier a customer left, for the
 * console's counts) and the usage alerts already sent (once per subscription, metric, period and threshold).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER TABLE invoices ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0);

    CREATE TABLE invoice_refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
      payment_attempt_id uuid NOT NULL REFERENCES payment_attempts(id) ON DELETE CASCADE,
      gateway text NOT NULL,
      gateway_refund_id text,
      -- One key per refund: a re-sent refund call never refunds twice.
      idempotency_key text NOT NULL UNIQUE,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      failure_code text,
      reason text NOT NULL,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invoice_refunds_invoice_idx ON invoice_refunds (invoice_id, created_at DESC);

    CREATE TABLE credit_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      billing_account_id uuid NOT NULL REFERENCES billing_accounts(id) ON DELETE CASCADE,
      subscription_id uuid REFERENCES subscriptions(id) ON DELETE SET NULL,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      balance_after_cents bigint NOT NULL,
      reason text NOT NULL,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX credit_grants_account_idx ON credit_grants (billing_account_id, created_at DESC);

    ALTER TABLE subscriptions ADD COLUMN churned_from_tier_id uuid REFERENCES subscription_tiers(id);
    ALTER TABLE subscriptions ADD COLUMN churned_at timestamptz;
    CREATE INDEX subscriptions_churned_idx ON subscriptions (churned_from_tier_id) WHERE churned_from_tier_id IS NOT NULL;
    CREATE INDEX subscriptions_status_created_idx ON subscriptions (status, created_at DESC);

    CREATE TABLE usage_alerts (
      subscription_id uuid NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      metric text NOT NULL,
      period_start timestamptz NOT NULL,
      threshold_percent smallint NOT NULL CHECK (threshold_percent IN (80, 100)),
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (subscription_id, metric, period_start, threshold_percent)
    );
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TABLE IF EXISTS usage_alerts, credit_grants, invoice_refunds CASCADE;
    DROP INDEX IF EXISTS subscriptions_status_created_idx;
    ALTER TABLE subscriptions DROP COLUMN IF EXISTS churned_at, DROP COLUMN IF EXISTS churned_from_tier_id;
    ALTER TABLE invoices DROP COLUMN IF EXISTS refunded_cents;
  `);
};
