import type { RoleName } from '../modules/admin/admin.models';

export interface AuthUser {
  id: string;
  name: string;
  email: string;
  status: 'active' | 'suspended';
  role: RoleName;
  createdAt: Date;
  lastActiveAt: Date | null;
}

/** Who is calling: set by the session middleware, read by guards and handlers. */
export interface AuthContext {
  user: AuthUser;
  permissions: Set<string>;
  isAdmin: boolean;
  sessionId: string;
  /** Set when an admin is viewing the portal as this user. */
  impersonatorId: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
      /** The matched API route as declared, relative to /api (e.g. '/admin/users/:id'); set before its guards run. */
      routePattern?: string;
    }
  }
}
