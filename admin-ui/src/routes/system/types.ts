/** Shapes of the system monitoring API (GET /api/admin/system/*, GET /api/admin/dashboard). */

export type HealthStatus = "ok" | "degraded" | "down";

export interface ComponentHealth {
  name: "database" | "jobQueue" | "search" | "payments" | "mailer";
  label: string;
  status: HealthStatus;
  latencyMs: number | null;
  message: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface SystemHealth {
  status: HealthStatus;
  checkedAt: string;
  uptimeSeconds: number;
  release: string;
  components: ComponentHealth[];
}

export interface RouteSummary {
  route: string;
  requests: number;
  requestsPerMinute: number;
  errors: number;
  errorRatePercent: number;
  clientErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  avgMs: number | null;
}

export interface Thresholds {
  errorRatePercent: number;
  p95LatencyMs: number;
  queueBacklog: number;
}

export interface Performance {
  windowMinutes: number;
  overall: RouteSummary;
  routes: RouteSummary[];
  series: Array<{ at: string; requests: number; errors: number }>;
  thresholds: Thresholds;
}

export interface MonitoringAlert {
  id: string;
  metric: "error_rate" | "p95_latency" | "queue_backlog";
  label: string;
  unit: string;
  threshold: number;
  value: number;
  lastValue: number;
  startedAt: string;
  lastCheckedAt: string;
  resolvedAt: string | null;
}

export interface MaintenanceState {
  enabled: boolean;
  message: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Fired after maintenance mode is switched, so banners re-read /api/config at once. */
export const MAINTENANCE_CHANGED_EVENT = "socrates:maintenance-changed";
