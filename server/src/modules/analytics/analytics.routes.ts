import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { parseOrThrow } from '../../http/validate';
import type { Api } from '../../http/route';
import { AppError } from '../../http/errors';
import { customerProjectsQuery, customerRangeQuery, eventsBatchBody, exportQuery } from './analytics.schemas';
import { ingestUiEvents } from './services/ingest-events.service';
import { getCustomerDashboard } from './services/customer-dashboard.service';
import { listCustomerProjectAnalytics } from './services/customer-projects.service';
import { getCustomerProjectAnalytics } from './services/customer-project-detail.service';
import { getCustomerTimeline } from './services/customer-timeline.service';
import { exportCustomerAnalytics } from './services/customer-export.service';

const idParams = z.object({ id: z.string().uuid() });

/** Requests per minute and customer on POST /api/analytics/events (each carries up to 500 events). */
export const EVENTS_REQUESTS_PER_MINUTE = 120;

/** The customer's own analytics (portal) and the UI event intake. */
export function analyticsRoutes(api: Api): void {
  const tags = ['Analytics'];
  const eventsLimit = rateLimit({
    windowMs: 60_000,
    limit: EVENTS_REQUESTS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `analytics-events:${req.auth?.user.id ?? ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'Too many analytics batches: send fewer, larger batches.')),
  });
  api.route({
    method: 'post', path: '/analytics/events', tags, status: 202, before: [eventsLimit],
    summary: 'Record a batch of UI events (page views, feature use)', body: eventsBatchBody,
    response: z.object({ accepted: z.number() }),
    // An admin viewing the portal as a customer is not the customer using it: their events are dropped.
    handler: ({ auth, body }) => (auth.impersonatorId ? { accepted: 0 } : ingestUiEvents(auth.user.id, body.events)),
  });
  api.route({ method: 'get', path: '/analytics/dashboard', tags, summary: 'Your dashboard: totals, the period\'s KPIs, analyses by type, recent activity', query: customerRangeQuery, handler: ({ auth, query }) => getCustomerDashboard(auth.user.id, query) });
  api.route({ method: 'get', path: '/analytics/projects', tags, list: true, summary: 'Your projects with their analytics (simple-rest paging)', query: customerProjectsQuery, handler: ({ auth, req }) => listCustomerProjectAnalytics(auth.user.id, parseOrThrow(customerProjectsQuery, req.query, 'query')) });
  api.route({ method: 'get', path: '/analytics/projects/:id', tags, summary: 'One project\'s analytics: quality trend, breakdown by type, recent analyses', params: idParams, query: customerRangeQuery, handler: ({ auth, params, query }) => getCustomerProjectAnalytics(auth.user.id, params.id, query) });
  api.route({ method: 'get', path: '/analytics/timeline', tags, summary: 'Your activity per day (last 30 days by default)', query: customerRangeQuery, handler: ({ auth, query }) => getCustomerTimeline(auth.user.id, query) });
  api.route({ method: 'get', path: '/analytics/export', tags, raw: true, summary: 'Your analytics as CSV (timeline or projects), streamed', query: exportQuery, handler: ({ auth, query, res }) => exportCustomerAnalytics(auth.user.id, query, res) });
}
