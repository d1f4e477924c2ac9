import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { enqueueJob } from '../../../jobs/queue';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import type { DomainEvent, PaymentGateway, SignedWebhook } from '../gateways';

export const WEBHOOK_PROCESS_JOB = 'billing.webhook.process';

export interface IngestResult {
  /** The stored row (the first delivery's row for a duplicate). */
  webhookEventId: string;
  duplicate: boolean;
}

/**
 * Stores a verified provider event unique on its id and enqueues its processing in the same transaction:
 * a replay finds the row and changes nothing, and the job exists only if the row does.
 */
export async function ingestWebhook(event: DomainEvent, provider: string): Promise<IngestResult> {
  return db().transaction(async (transaction) => {
    const [inserted] = await db().query<{ id: string }>(
      `INSERT INTO webhook_events (provider, event_id, type, payload, status, received_at)
       VALUES (?, ?, ?, ?::jsonb, 'received', ?) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
      { replacements: [provider, event.id, event.providerType, JSON.stringify(event.raw), clock.now()], transaction, type: QueryTypes.SELECT },
    );
    if (!inserted) {
      const [existing] = await db().query<{ id: string }>(`SELECT id FROM webhook_events WHERE event_id = ?`, { replacements: [event.id], transaction, type: QueryTypes.SELECT });
      return { webhookEventId: existing.id, duplicate: true };
    }
    await enqueueJob(WEBHOOK_PROCESS_JOB, { webhookEventId: inserted.id }, { transaction });
    return { webhookEventId: inserted.id, duplicate: false };
  });
}

const inFlight = new Set<Promise<void>>();

/**
 * The local test-mode gateway's `onEvent`: its events take the same path as Stripe's (verified with the
 * gateway's own secret, stored, processed by the job). Pass a getter: the gateway is built with this callback.
 *
 * Delivery is asynchronous, as Stripe's is: the caller (adding a card, charging) may hold a pooled connection
 * in an open transaction, and waiting inline for a second connection could exhaust the pool under load.
 */
export function localWebhookSink(gateway: () => PaymentGateway): (webhook: SignedWebhook) => void {
  return (webhook) => {
    const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const g = gateway();
        await ingestWebhook(g.parseWebhook(Buffer.from(webhook.payload), webhook.signature), g.kind);
      })
      .catch((err: unknown) => logger.error({ err, type: webhook.type }, 'local gateway: webhook ingest failed'))
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };
}

/** Waits until every local gateway event emitted so far is stored (tests; graceful shutdown). */
export async function settleLocalWebhooks(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
