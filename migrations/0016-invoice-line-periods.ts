import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Each invoice line records the service period it bills (Stripe's line `period`): a month-end invoice
 * closes the period that ended, yet its plan fee pays for the coming period in advance while its overage
 * is for the ended one, so the invoice's own period cannot say it for every line. Credit and tax lines
 * have none (both columns null).
 *
 * Existing lines are backfilled from what they were written with: month-end lines named their period in
 * the description (", 2026-10-27 – 2026-11-27"), which moves into the columns and out of the text; an
 * upgrade's line covers the days it counted ("21 of 31 days left") up to its invoice's period end.
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER TABLE invoice_items
      ADD COLUMN period_start timestamptz,
      ADD COLUMN period_end timestamptz,
      ADD CONSTRAINT invoice_items_period_check
        CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_start IS NULL OR period_start <= period_end));

    UPDATE invoice_items i
    SET period_start = (x.m[1] || 'T00:00:00Z')::timestamptz,
        period_end = (x.m[2] || 'T00:00:00Z')::timestamptz,
        description = regexp_replace(i.description, ', [0-9]{4}-[0-9]{2}-[0-9]{2} – [0-9]{4}-[0-9]{2}-[0-9]{2}', '')
    FROM (
      SELECT id, regexp_match(description, ', ([0-9]{4}-[0-9]{2}-[0-9]{2}) – ([0-9]{4}-[0-9]{2}-[0-9]{2})') AS m
      FROM invoice_items WHERE item_type IN ('subscription', 'overage')
    ) x
    WHERE i.id = x.id AND x.m IS NOT NULL;

    UPDATE invoice_items i
    SET period_start = coalesce(v.period_end - make_interval(days => substring(i.description from ': ([0-9]+) of [0-9]+ days left')::int), v.period_start),
        period_end = v.period_end
    FROM invoices v
    WHERE v.id = i.invoice_id AND i.item_type = 'proration';
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    UPDATE invoice_items
    SET description = description || ', ' || to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' – ' || to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    WHERE item_type = 'subscription' AND period_start IS NOT NULL;

    UPDATE invoice_items
    SET description = regexp_replace(description, ': ', ', ' || to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' – ' || to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ': ')
    WHERE item_type = 'overage' AND period_start IS NOT NULL;

    ALTER TABLE invoice_items DROP CONSTRAINT invoice_items_period_check, DROP COLUMN period_start, DROP COLUMN period_end;
  `);
};
