import { z } from 'zod';
import { UI_EVENT_TYPES } from './track';
import { isoDay } from '../../http/dates';

/** A batch from a UI is at most this many events (the route also caps the request rate). */
export const MAX_BATCH_EVENTS = 500;
/** The longest range any analytics endpoint accepts (about three years). */
export const MAX_RANGE_DAYS = 1_100;

const propertyValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
const properties = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,39}$/, 'Property names are letters, digits, _ and . (40 at most)'), propertyValue)
  .refine((p) => Object.keys(p).length <= 20, 'At most 20 properties per event')
  .default({});

const uiEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page_view'), path: z.string().min(1).max(300), occurredAt: z.iso.datetime({ offset: true }).optional(), properties }).strict(),
  z.object({ type: z.literal('feature_used'), feature: z.string().regex(/^[a-z][a-z0-9_.-]{0,59}$/, 'A feature name like "projects.export"'), occurredAt: z.iso.datetime({ offset: true }).optional(), properties }).strict(),
]);
export type UiEvent = z.infer<typeof uiEvent>;

export const eventsBatchBody = z
  .object({ events: z.array(uiEvent).min(1, 'Send at least one event').max(MAX_BATCH_EVENTS, `At most ${MAX_BATCH_EVENTS} events per batch`) })
  .strict()
  .meta({ id: 'AnalyticsEventsBatch', description: `UI events (${UI_EVENT_TYPES.join(', ')}), ${MAX_BATCH_EVENTS} at most per request` });

/** Date range (inclusive UTC days), tier filter and comparison of every analytics endpoint. */
export const rangeQuery = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    tier: z.string().regex(/^[a-z0-9_-]{1,50}$/, 'A tier name like "professional"').optional(),
    compare: z.enum(['previous', 'none']).optional(),
  });
export type RangeQuery = z.infer<typeof rangeQuery>;

export const retentionQuery = rangeQuery.extend({ period: z.enum(['week', 'month']).default('week') });
export type RetentionQuery = z.infer<typeof retentionQuery>;

export const customerRangeQuery = rangeQuery.omit({ tier: true });

export const customerProjectsQuery = customerRangeQuery.extend({
  _start: z.coerce.number().int().min(0).default(0),
  _end: z.coerce.number().int().min(1).optional(),
});

export const exportQuery = customerRangeQuery.extend({ dataset: z.enum(['timeline', 'projects']).default('timeline') });

export const ADMIN_REPORTS = ['users', 'platform', 'revenue', 'quality', 'retention'] as const;
export type AdminReport = (typeof ADMIN_REPORTS)[number];
