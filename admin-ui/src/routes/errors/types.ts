export type GroupStatus = "unresolved" | "resolved" | "ignored";

export interface ErrorGroup {
  id: string;
  fingerprint: string;
  component: string;
  errorType: string;
  message: string;
  status: GroupStatus;
  regressed: boolean;
  regressedAt: string | null;
  eventCount: number;
  userCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastEventId: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** Events per hour over the last 24 hours, oldest first (list only). */
  trend?: number[];
}

export interface SystemLogLine {
  id: string;
  level: "debug" | "info" | "warning" | "error" | "critical";
  component: string;
  message: string;
  context: Record<string, unknown>;
  stack: string | null;
  fingerprint: string | null;
  errorGroupId: string | null;
  requestId: string | null;
  userId: string | null;
  sentryEventId: string | null;
  createdAt: string;
}

export interface ErrorGroupDetail extends ErrorGroup {
  lastStack: string | null;
  lastContext: Record<string, unknown>;
  events: SystemLogLine[];
  dailyTrend: Array<{ day: string; count: number }>;
}

export interface ErrorSummary {
  windowMinutes: number;
  requests: number;
  serverErrors: number;
  errorRatePercent: number;
  thresholdPercent: number;
  alert: boolean;
  eventsLastHour: number;
  eventsLast24h: number;
  unresolvedGroups: number;
  regressedGroups: number;
}

export const ERRORS_RESOURCE = "system/errors";
