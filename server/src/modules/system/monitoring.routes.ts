import { z } from 'zod';
import type { Api } from '../../http/route';
import type { Config } from '../../config';
import { clock } from '../../lib/clock';
import type { PaymentGateway } from '../billing/gateways';
import { actorOf } from '../admin/audit';
import { checkSystemHealth } from './health/check-health.service';
import { getPerformance } from './monitoring/get-performance.service';
import { startMetricsPublisher } from './monitoring/shared-metrics';
import { getThresholds, updateThresholds } from './alerts/thresholds';
import { listAlerts } from './alerts/list-alerts.service';
import { readMaintenance, setMaintenance } from './maintenance';
import { getDashboard } from './dashboard.service';
import { alertSchema, healthSchema, maintenanceBody, maintenanceSchema, performanceQuery, performanceSchema, thresholdsSchema } from './system.schemas';

const tags = ['Admin: system'];

/** System monitoring for the console: health, request performance, alert thresholds, maintenance mode, dashboard. */
export function systemMonitoringRoutes(api: Api, deps: { config: Config; gateway: PaymentGateway }): void {
  const { config } = deps;
  // This process serves HTTP: share its request totals with the alert check (which may run in a worker).
  if (config.NODE_ENV !== 'test') startMetricsPublisher();

  api.route({
    method: 'get', path: '/admin/system/health', tags, permission: 'system.read', response: healthSchema,
    summary: 'Database, job queue, search engine, payment gateway and mailer: each with status and latency',
    handler: () => checkSystemHealth({ ...deps, now: clock.now() }),
  });

  api.route({
    method: 'get', path: '/admin/system/performance', tags, permission: 'system.read', query: performanceQuery, response: performanceSchema,
    summary: 'Request rate, p50/p95/p99 latency and error rate per route and overall (this process, last hour)',
    handler: ({ query }) => getPerformance(query.minutes),
  });

  api.route({
    method: 'get', path: '/admin/system/thresholds', tags, permission: 'system.read', response: thresholdsSchema,
    summary: 'Alert thresholds: error rate, p95 latency, queue backlog',
    handler: () => getThresholds(),
  });

  api.route({
    method: 'put', path: '/admin/system/thresholds', tags, permission: 'system.manage', body: thresholdsSchema, response: thresholdsSchema, status: 200,
    summary: 'Change the alert thresholds (audited)',
    handler: ({ req, body }) => updateThresholds(actorOf(req), body),
  });

  api.route({
    method: 'get', path: '/admin/system/alerts', tags, permission: 'system.read', response: z.array(alertSchema),
    summary: 'Open alerts first, then recently resolved ones',
    handler: () => listAlerts({ limit: 20 }),
  });

  api.route({
    method: 'get', path: '/admin/system/maintenance', tags, permission: 'system.read', response: maintenanceSchema,
    summary: 'Whether maintenance mode is on, with its message',
    handler: () => readMaintenance(config.MAINTENANCE_MESSAGE),
  });

  api.route({
    method: 'post', path: '/admin/system/maintenance', tags, permission: 'system.manage', body: maintenanceBody, response: maintenanceSchema, status: 200,
    summary: 'Switch maintenance mode: customers get 503 `maintenance` with the message, admins keep working (audited)',
    handler: ({ req, body }) => setMaintenance(actorOf(req), body, config.MAINTENANCE_MESSAGE),
  });

  api.route({
    method: 'get', path: '/admin/dashboard', tags, permission: 'dashboard.read',
    summary: 'The console dashboard (every admin role has dashboard.read): health, key numbers, alerts, recent activity; parts the caller may not see are null',
    handler: ({ auth }) => getDashboard(auth, deps),
  });
}
