import type { UserDetail, UserListItem } from "../../lib/types";

/** A row of GET /api/admin/users with the operations fields (status may be "deleted"). */
export interface UserRow extends Omit<UserListItem, "status"> {
  status: "active" | "suspended" | "deleted";
  tier: string | null;
  deletedAt: string | null;
}

export interface UserInvoice {
  id: string;
  number: string;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  totalCents: number | string;
  currency: string;
  paidAt: string | null;
  createdAt: string;
}

export interface UserTicket {
  id: string;
  number: string | null;
  subject: string;
  status: string;
  priority: string;
  slaBreached: boolean;
  createdAt: string;
  resolvedAt: string | null;
}

export interface UserActivity {
  kind: "project_created" | "analysis_run" | "ticket_opened" | "signed_in" | string;
  id: string;
  label: string;
  detail: string | null;
  at: string;
}

export interface UserSubscription {
  id: string;
  status: string;
  tier: string;
  tierDisplayName: string;
  monthlyPriceCents: number;
  currency: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  creditBalanceCents: number;
}

/** GET /api/admin/users/:id with the user's history. */
export interface UserHistory extends Omit<UserDetail, "status"> {
  status: "active" | "suspended" | "deleted";
  deletedAt: string | null;
  activeSessionCount: number;
  subscription: UserSubscription | null;
  invoices: UserInvoice[];
  tickets: UserTicket[];
  recentActivity: UserActivity[];
}

export interface BulkResult {
  results: Array<{ id: string; ok: boolean; code?: string; message?: string }>;
  succeeded: number;
  failed: number;
  downloadUrl?: string;
}

export interface UserImport {
  id: string;
  filename: string;
  status: "queued" | "running" | "completed" | "failed";
  totalRows: number;
  processedRows: number;
  createdCount: number;
  errorCount: number;
  errors: Array<{ line: number; email: string | null; reason: string }>;
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}
