import express from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { Api } from '../../http/route';
import type { Config } from '../../config';
import { AppError } from '../../http/errors';
import { listQueryDoc } from '../../http/list-query';
import { actorOf } from '../admin/audit';
import { GROUP_STATUSES, LOG_LEVELS } from './observability.models';
import { errorGroupsListSpec, listErrorGroups } from './services/list-error-groups.service';
import { getErrorGroup } from './services/get-error-group.service';
import { updateErrorGroupStatus } from './services/update-error-group.service';
import { listSystemLogs, systemLogsListSpec } from './services/list-system-logs.service';
import { getErrorSummary } from './services/error-rate.service';
import { raiseTestError } from './services/raise-test-error.service';
import { clientErrorSchema, recordClientError } from './services/record-client-error.service';
import { forwardSentryEnvelope } from './services/forward-sentry-envelope.service';

const idParams = z.object({ id: z.string().uuid() });
const groupSchema = z
  .object({
    id: z.string(), fingerprint: z.string(), component: z.string(), errorType: z.string(), message: z.string(), status: z.enum(GROUP_STATUSES),
    regressed: z.boolean(), regressedAt: z.string().nullable(), eventCount: z.number(), userCount: z.number(), firstSeenAt: z.string(), lastSeenAt: z.string(),
    lastEventId: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(), trend: z.array(z.number()).optional(),
  })
  .meta({ id: 'ErrorGroup' });
const logSchema = z
  .object({
    id: z.string(), level: z.enum(LOG_LEVELS), component: z.string(), message: z.string(), context: z.record(z.string(), z.unknown()), stack: z.string().nullable(),
    fingerprint: z.string().nullable(), errorGroupId: z.string().nullable(), requestId: z.string().nullable(), userId: z.string().nullable(), sentryEventId: z.string().nullable(), createdAt: z.string(),
  })
  .meta({ id: 'SystemLog' });

// Browsers report at most this much per minute and address; a render loop must not flood the log.
const CLIENT_ERRORS_PER_MINUTE = 30;
const CLIENT_ERROR_MAX_BYTES = 32 * 1024;
const ENVELOPE_MAX_BYTES = '1mb';

/** Error groups, the system log, the test error, browser error intake and the Sentry tunnel. */
export function observabilityRoutes(api: Api, config: Config): void {
  api.route({
    method: 'get', path: '/admin/system/errors', tags: ['Admin: errors'], permission: 'system.read', list: true,
    summary: 'Error groups with counts and a 24-hour trend (simple-rest; q finds text or an error id)', query: listQueryDoc(errorGroupsListSpec), response: groupSchema,
    handler: ({ req }) => listErrorGroups(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'get', path: '/admin/system/errors/summary', tags: ['Admin: errors'], permission: 'system.read',
    summary: 'The API error rate over the last hour against the alert threshold, and event counts',
    handler: () => getErrorSummary(),
  });

  api.route({
    method: 'get', path: '/admin/system/errors/:id', tags: ['Admin: errors'], permission: 'system.read', params: idParams,
    summary: 'An error group with its latest stack and context, recent events and daily trend',
    handler: ({ params }) => getErrorGroup(params.id),
  });

  api.route({
    method: 'patch', path: '/admin/system/errors/:id', tags: ['Admin: errors'], permission: 'system.manage', params: idParams, status: 200,
    summary: 'Resolve, ignore or reopen an error group (audited)', body: z.strictObject({ status: z.enum(GROUP_STATUSES) }), response: groupSchema,
    handler: ({ req, params, body }) => updateErrorGroupStatus(actorOf(req), params.id, body.status),
  });

  api.route({
    method: 'get', path: '/admin/system/logs', tags: ['Admin: errors'], permission: 'system.read', list: true,
    summary: 'The system log (simple-rest): level, component, message, context, stack', query: listQueryDoc(systemLogsListSpec), response: logSchema,
    handler: ({ req }) => listSystemLogs(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'post', path: '/admin/system/test-error', tags: ['Admin: errors'], permission: 'system.test_error',
    summary: 'Raises a test exception: answers 500 with the errorId under which it was stored (and sent to Sentry)',
    body: z.strictObject({ message: z.string().max(500).optional() }),
    handler: ({ body }) => raiseTestError(body.message),
  });

  api.route({
    method: 'get', path: '/client-errors/config', tags: ['Errors'], access: 'public',
    summary: 'How the UIs report errors: the Sentry tunnel (when a browser DSN is set) and sampling rates',
    response: z.object({ tunnel: z.string().nullable(), tracesSampleRate: z.number(), replaysSessionSampleRate: z.number(), replaysOnErrorSampleRate: z.number(), crashTestEnabled: z.boolean() }),
    handler: () => ({
      tunnel: config.SENTRY_BROWSER_DSN ? '/api/sentry-tunnel' : null,
      // browsers trace far less than the server needs to: page loads are many and cheap to sample out
      tracesSampleRate: 0,
      replaysSessionSampleRate: config.SENTRY_REPLAY_SESSION_SAMPLE_RATE,
      replaysOnErrorSampleRate: config.SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE,
      // `?__crash=render` makes the UIs throw while rendering (for checking the error screen); never in production
      crashTestEnabled: config.NODE_ENV !== 'production',
    }),
  });

  api.route({
    method: 'post', path: '/client-errors', tags: ['Errors'], access: 'public',
    summary: 'A browser error from one of the UIs, stored in the grouped log; answers the id to show',
    body: clientErrorSchema, response: z.object({ errorId: z.string(), sentryEventId: z.string().nullable() }),
    before: [
      (req, _res, next) => next(Number(req.get('content-length') ?? 0) > CLIENT_ERROR_MAX_BYTES ? new AppError(413, 'payload_too_large', 'An error report is at most 32 KB') : undefined),
      rateLimit({
        windowMs: 60_000,
        limit: CLIENT_ERRORS_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
        handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'Too many error reports; try again in a minute')),
      }),
    ],
    handler: ({ req, body, auth }) => recordClientError(body, { userId: auth?.user.id ?? null, requestId: req.id ?? null }),
  });

  api.route({
    method: 'post', path: '/sentry-tunnel', tags: ['Errors'], access: 'public', raw: true,
    summary: 'Forwards a browser Sentry envelope to the configured browser DSN only (so ad-blockers do not drop it)',
    before: [express.raw({ type: () => true, limit: ENVELOPE_MAX_BYTES })],
    handler: async ({ req, res }) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const upstream = await forwardSentryEnvelope(body, config.SENTRY_BROWSER_DSN);
      res.status(upstream.status).type('application/json').send(upstream.body);
    },
  });
}
