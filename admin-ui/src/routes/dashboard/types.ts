import type { AuditEntry } from "../../lib/types";
import type { MaintenanceState, MonitoringAlert, SystemHealth } from "../system/types";

/** GET /api/admin/dashboard: each part is null when the caller's role does not include its permission. */
export interface DashboardSummary {
  generatedAt: string;
  maintenance: MaintenanceState;
  health: SystemHealth | null;
  customers: { total: number; newLast30Days: number; activeLast30Days: number } | null;
  billing: { activeSubscriptions: number; paidSubscriptions: number; pastDue: number; mrrCents: number; currency: string } | null;
  tickets: { open: number; unassigned: number; slaBreached: number } | null;
  traffic: { requestsLastHour: number; errorRatePercent: number; p95Ms: number | null } | null;
  alerts: MonitoringAlert[] | null;
  recentActivity: AuditEntry[] | null;
}
