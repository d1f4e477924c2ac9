import { z } from 'zod';
import { thresholdsSchema } from './alerts/thresholds';

export { thresholdsSchema };

export const maintenanceBody = z.strictObject({
  enabled: z.boolean({ error: 'Say whether maintenance mode is on (true) or off (false)' }),
  message: z.string().trim().max(500, 'At most 500 characters').nullable().optional(),
});

export const maintenanceSchema = z.object({ enabled: z.boolean(), message: z.string().nullable(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }).meta({ id: 'MaintenanceState' });

export const performanceQuery = z.object({ minutes: z.coerce.number().int().min(1).max(60).optional() });

const componentSchema = z.object({
  name: z.enum(['database', 'jobQueue', 'search', 'payments', 'mailer']),
  label: z.string(),
  status: z.enum(['ok', 'degraded', 'down']),
  latencyMs: z.number().nullable(),
  message: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const healthSchema = z.object({ status: z.enum(['ok', 'degraded', 'down']), checkedAt: z.string(), uptimeSeconds: z.number(), release: z.string(), components: z.array(componentSchema) }).meta({ id: 'SystemHealth' });

const routeSummary = z.object({
  route: z.string(), requests: z.number(), requestsPerMinute: z.number(), errors: z.number(), errorRatePercent: z.number(), clientErrors: z.number(),
  p50Ms: z.number().nullable(), p95Ms: z.number().nullable(), p99Ms: z.number().nullable(), avgMs: z.number().nullable(),
}).meta({ id: 'RouteSummary' });

export const performanceSchema = z.object({
  windowMinutes: z.number(),
  overall: routeSummary,
  routes: z.array(routeSummary),
  series: z.array(z.object({ at: z.string(), requests: z.number(), errors: z.number() })),
  thresholds: thresholdsSchema,
}).meta({ id: 'Performance' });

export const alertSchema = z.object({
  id: z.string(), metric: z.enum(['error_rate', 'p95_latency', 'queue_backlog']), label: z.string(), unit: z.string(), threshold: z.number(), value: z.number(), lastValue: z.number(),
  startedAt: z.string(), lastCheckedAt: z.string(), resolvedAt: z.string().nullable(),
}).meta({ id: 'MonitoringAlert' });
