import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * State of the local test-mode payment gateway — what Stripe would keep on its side — so test mode survives
 * restarts and is shared by the API and worker processes (gateways/sql-local-gateway-store.ts). Only brand
 * and last four of a card are ever stored. Payment methods themselves are not cached on our side: the
 * billing module asks the gateway, and keeps only the chosen default on billing_accounts.
 * Also a `note` on webhook_events: what processing an event did, or why it changed nothing.
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE TABLE local_gateway_customers (
      id text PRIMARY KEY,
      -- One processor customer per user: two racing "ensure customer" calls end with the same row.
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      name text NOT NULL,
      default_payment_method_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE local_gateway_payment_methods (
      id text PRIMARY KEY,
      -- NULL once detached (never attached again, as on Stripe).
      customer_id text REFERENCES local_gateway_customers(id) ON DELETE CASCADE,
      brand text NOT NULL,
      last4 char(4) NOT NULL,
      exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
      exp_year smallint NOT NULL,
      behaviour text NOT NULL CHECK (behaviour IN ('succeeds', 'declines_on_charge')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX local_gateway_payment_methods_customer_idx ON local_gateway_payment_methods (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;

    CREATE TABLE local_gateway_payments (
      id text PRIMARY KEY,
      -- A retried charge with the same key answers the first result instead of charging twice.
      idempotency_key text NOT NULL UNIQUE,
      customer_id text NOT NULL REFERENCES local_gateway_customers(id) ON DELETE CASCADE,
      payment_method_id text NOT NULL REFERENCES local_gateway_payment_methods(id) ON DELETE CASCADE,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      currency text NOT NULL,
      status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
      failure_code text,
      decline_code text,
      failure_message text,
      refunded_cents bigint NOT NULL DEFAULT 0,
      description text,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (refunded_cents BETWEEN 0 AND amount_cents)
    );
    CREATE INDEX local_gateway_payments_customer_idx ON local_gateway_payments (customer_id, created_at DESC);

    CREATE TABLE local_gateway_refunds (
      id text PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      payment_id text NOT NULL REFERENCES local_gateway_payments(id) ON DELETE CASCADE,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX local_gateway_refunds_payment_idx ON local_gateway_refunds (payment_id);

    -- What processing a webhook did or why it changed nothing (error keeps failures only).
    ALTER TABLE webhook_events ADD COLUMN note text;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER TABLE webhook_events DROP COLUMN IF EXISTS note;
    DROP TABLE IF EXISTS local_gateway_refunds, local_gateway_payments, local_gateway_payment_methods, local_gateway_customers CASCADE;
  `);
};
