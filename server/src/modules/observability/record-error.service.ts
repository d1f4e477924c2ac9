import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { fingerprintOf } from './fingerprint';
import { scrubString, scrubValue } from './scrub';
import { MAX_MESSAGE, MAX_STACK } from './write-system-log.service';

export interface ErrorEventInput {
  /** The id quoted to the user (the 500's errorId); generated when absent. */
  id?: string;
  type: string;
  message: string;
  stack?: string | null;
  /** server (API request), job, browser, process */
  component: string;
  level?: 'error' | 'critical';
  context?: Record<string, unknown>;
  requestId?: string | null;
  userId?: string | null;
  sentryEventId?: string | null;
}

export interface RecordedError {
  eventId: string;
  groupId: string;
  /** The group had been resolved and this error brought it back. */
  regression: boolean;
}

const uuid = z.string().uuid();

/** The parts of a thrown value the log keeps: its type, message and stack. */
export function describeError(err: unknown): { type: string; message: string; stack: string | null } {
  if (err instanceof Error) return { type: err.name || err.constructor?.name || 'Error', message: err.message || String(err), stack: err.stack ?? null };
  return { type: typeof err === 'object' && err !== null ? 'NonErrorObject' : 'NonError', message: safeString(err), stack: null };
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Stores one unexpected error as an event of its group (created on first sight): counts, last seen, last
 * stack and context, affected users; a resolved group that recurs is reopened and flagged as a regression.
 * Everything stored is scrubbed first.
 */
export async function recordError(input: ErrorEventInput): Promise<RecordedError> {
  const now = clock.now();
  const eventId = input.id ?? randomUUID();
  const message = scrubString(input.message || input.type).slice(0, MAX_MESSAGE);
  const stack = input.stack ? scrubString(input.stack).slice(0, MAX_STACK) : null;
  const context = scrubValue({ errorType: input.type, ...(input.context ?? {}) });
  const userId = input.userId && uuid.safeParse(input.userId).success ? input.userId : null;
  const fingerprint = fingerprintOf({ type: input.type, message, stack, component: input.component });

  return db().transaction(async (transaction) => {
    const q = <T extends object>(sql: string, bind: unknown[]) => db().query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });
    // One statement so two processes recording the same new error end in one group. xmax = 0 ⇔ inserted.
    const [group] = await q<{ id: string; regression: boolean }>(
      `INSERT INTO error_groups AS g (fingerprint, component, error_type, message, status, event_count, first_seen_at, last_seen_at, last_event_id, last_stack, last_context)
       VALUES ($1, $2, $3, $4, 'unresolved', 1, $5, $5, $6, $7, $8)
       ON CONFLICT (fingerprint) DO UPDATE SET
         event_count = g.event_count + 1,
         message = EXCLUDED.message,
         last_seen_at = GREATEST(g.last_seen_at, EXCLUDED.last_seen_at),
         last_event_id = EXCLUDED.last_event_id,
         last_stack = EXCLUDED.last_stack,
         last_context = EXCLUDED.last_context,
         status = CASE WHEN g.status = 'resolved' THEN 'unresolved' ELSE g.status END,
         regressed = g.regressed OR g.status = 'resolved',
         regressed_at = CASE WHEN g.status = 'resolved' THEN EXCLUDED.last_seen_at ELSE g.regressed_at END,
         updated_at = EXCLUDED.last_seen_at
       RETURNING g.id, (xmax <> 0 AND g.regressed_at = $5) AS regression`,
      [fingerprint, input.component, input.type.slice(0, 200), message, now, eventId, stack, JSON.stringify(context)],
    );
    await db().query(
      `INSERT INTO system_logs (id, level, component, message, context, stack, fingerprint, error_group_id, request_id, user_id, sentry_event_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      { bind: [eventId, input.level ?? 'error', input.component, message, JSON.stringify(context), stack, fingerprint, group.id, input.requestId?.slice(0, 100) ?? null, userId, input.sentryEventId ?? null, now], transaction },
    );
    if (userId) {
      const inserted = await q(`INSERT INTO error_group_users (error_group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [group.id, userId]);
      if (inserted.length) await db().query(`UPDATE error_groups SET user_count = user_count + 1 WHERE id = $1`, { bind: [group.id], transaction });
    }
    return { eventId, groupId: group.id, regression: Boolean(group.regression) };
  });
}
