import { QueryTypes } from 'sequelize';
import type Stripe from 'stripe';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { toDomainEvent } from '../gateways/stripe-events';
import { WEBHOOK_HANDLERS } from './handlers';

export { WEBHOOK_PROCESS_JOB } from './ingest-webhook.service';

export type ProcessOutcome = 'processed' | 'ignored' | 'already_done' | 'not_found';

/**
 * The `billing.webhook.process` job: runs the stored event's handler and records the outcome in one
 * transaction, with the event row locked so a replayed job waits and then finds it done. A failing handler
 * leaves its changes rolled back, the row `failed` with the error, and rethrows so the queue retries.
 */
export async function processWebhook(webhookEventId: string): Promise<ProcessOutcome> {
  try {
    return await db().transaction(async (transaction) => {
      const [row] = await db().query<{ status: string; payload: Stripe.Event }>(
        `SELECT status, payload FROM webhook_events WHERE id = ? FOR UPDATE`,
        { replacements: [webhookEventId], transaction, type: QueryTypes.SELECT },
      );
      if (!row) return 'not_found' as const;
      if (row.status === 'processed' || row.status === 'ignored') return 'already_done' as const;
      // Events from both gateways are Stripe-shaped; the same translation as at the edge.
      const event = toDomainEvent(row.payload);
      const outcome = await WEBHOOK_HANDLERS[event.type](event, transaction);
      await db().query(`UPDATE webhook_events SET status = ?, note = ?, error = NULL, processed_at = ? WHERE id = ?`, {
        replacements: [outcome.status, outcome.note, clock.now(), webhookEventId],
        transaction,
      });
      return outcome.status;
    });
  } catch (err) {
    logger.warn({ err, webhookEventId }, 'webhook processing failed');
    await db().query(`UPDATE webhook_events SET status = 'failed', error = ? WHERE id = ? AND status IN ('received', 'failed')`, {
      replacements: [err instanceof Error ? err.message : String(err), webhookEventId],
    });
    throw err;
  }
}

/** The queue handler for WEBHOOK_PROCESS_JOB (`{ webhookEventId }`). */
export async function processWebhookJob(data: Record<string, unknown>): Promise<void> {
  await processWebhook(String(data.webhookEventId));
}
