/** Shapes of the API's JSON, as written in the API contract (camelCase, ISO-8601 UTC timestamps). */

export type UserRole = "customer" | "super_admin" | "billing_admin" | "support_admin" | "analytics_admin";
export type AdminRole = Exclude<UserRole, "customer">;
export type UserStatus = "active" | "suspended";

/** The signed-in user, from POST /api/auth/login and GET /api/auth/session. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  role: UserRole;
  isAdmin: boolean;
  permissions: string[];
  createdAt: string;
  lastActiveAt: string | null;
}

/** A row of GET /api/admin/users. */
export interface UserListItem extends Omit<SessionUser, "permissions"> {
  permissions?: string[];
  projectCount: number;
}

export interface Project {
  id: string;
  name: string;
  description: string | null;
  status: "active" | "completed" | "archived";
  completionPercentage: number;
  snippetCount: number;
  analysisCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** What the target is called now (a user's name, a ticket's number and subject), when the server knows. */
  targetLabel?: string | null;
  /** The actor's name now; null for the system or a deleted actor. */
  actorName?: string | null;
  /** The name now of each user whose id the recorded values hold (a ticket's assignee), by id. */
  names?: Record<string, string>;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** GET /api/admin/users/:id */
export interface UserDetail extends UserListItem {
  snippetCount: number;
  analysisCount: number;
  intakeCount: number;
  recentProjects: Project[];
  recentAudit: AuditEntry[];
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  template: string | null;
  createdAt: string;
  sentAt: string | null;
  status: string;
}

export interface Permission {
  key: string;
  description: string;
  group: string;
}

export interface Role {
  name: UserRole;
  description: string;
  permissions: string[];
  memberCount: number;
  editable: boolean;
}

export interface PublicConfig {
  environment: string;
  release: string;
  maintenance: { enabled: boolean; message: string | null };
  sentryDsn: string | null;
  stripePublishableKey: string | null;
}
