import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { logger } from '../../lib/logger';

/** Events the server records for the platform's major actions (docs/analytics.md lists their properties). */
export const SERVER_EVENT_TYPES = [
  'login',
  'project_created',
  'snippet_created',
  'analysis_run',
  'analysis_completed',
  'export_download',
  'upgrade',
  'downgrade',
  'ticket_created',
  'search',
] as const;
export type ServerEventType = (typeof SERVER_EVENT_TYPES)[number];

/** Events the UIs send in batches through POST /api/analytics/events. */
export const UI_EVENT_TYPES = ['page_view', 'feature_used'] as const;
export type UiEventType = (typeof UI_EVENT_TYPES)[number];

export type AnalyticsEventType = ServerEventType | UiEventType;

export interface AnalyticsEventInput {
  type: AnalyticsEventType;
  /** who did it; null for anonymous actions */
  userId: string | null;
  projectId?: string | null;
  /** flexible metadata: analysis type, quality score, tier, query length, path … (kept small) */
  properties?: Record<string, unknown>;
  /** defaults to the clock's now */
  occurredAt?: Date;
}

/**
 * Records one analytics event. With a transaction the row commits (or rolls back) with the action that
 * caused it; without one, a failure is logged and swallowed so analytics never breaks the action itself.
 */
export async function track(event: AnalyticsEventInput, tx?: Transaction): Promise<void> {
  const sql = `INSERT INTO analytics_events (user_id, project_id, event_type, source, properties, occurred_at)
               VALUES (:userId, :projectId, :type, 'server', CAST(:properties AS jsonb), :occurredAt)`;
  const replacements = {
    userId: event.userId,
    projectId: event.projectId ?? null,
    type: event.type,
    properties: JSON.stringify(event.properties ?? {}),
    occurredAt: (event.occurredAt ?? clock.now()).toISOString(),
  };
  if (tx) {
    await db().query(sql, { replacements, transaction: tx, type: QueryTypes.INSERT });
    return;
  }
  try {
    await db().query(sql, { replacements, type: QueryTypes.INSERT });
  } catch (err) {
    logger.warn({ err, event: event.type }, 'analytics: event not recorded');
  }
}
