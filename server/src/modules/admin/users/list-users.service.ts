import { escapeLike, paginate, parseListQuery, type ListQuery, type ListSpec } from '../../../http/list-query';
import type { Page } from '../../../http/route';
import { User } from '../../users/user.models';
import { ADMIN_ROLES } from '../admin.models';
import { FREE_TIER } from '../../billing/subscription-lock';

const ROLE_VALUES = ['customer', ...ADMIN_ROLES] as const;

export const usersListSpec: ListSpec = {
  fields: {
    id: { type: 'uuid' },
    status: { type: 'enum', values: ['active', 'suspended', 'deleted'], where: statusWhere },
    role: { type: 'enum', values: ROLE_VALUES, where: roleWhere },
    tier: { type: 'string', where: tierWhere },
    email: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'date' },
    lastActiveAt: { type: 'date' },
  },
  sortable: ['createdAt', 'lastActiveAt', 'name', 'email'],
  defaultSort: ['createdAt', 'desc'],
  search: ['name', 'email'],
};

// Erased accounts are suspended rows with deleted_at set; "suspended" means suspended and not erased.
function statusWhere(op: string, values: string[]): string {
  const one = (v: string) => (v === 'deleted' ? 't.deleted_at IS NOT NULL' : `(t.status = '${v === 'active' ? 'active' : 'suspended'}' AND t.deleted_at IS NULL)`);
  const sql = `(${values.map(one).join(' OR ')})`;
  return op === 'ne' ? `NOT ${sql}` : sql;
}

// The tier of the user's live subscription (tier name, e.g. "professional"). A customer without one is on
// Free: billing puts them there on first use (subscription-lock.ts).
const LIVE_TIER = `(SELECT st.name FROM subscriptions s JOIN subscription_tiers st ON st.id = s.tier_id WHERE s.user_id = t.id AND s.status <> 'cancelled' LIMIT 1)`;
const TIER_OF_ROW = `coalesce(${LIVE_TIER}, CASE WHEN NOT EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = t.id) THEN '${FREE_TIER}' END)`;

function tierWhere(op: string, values: string[], bind: (v: unknown) => string): string {
  const sql = op === 'like' ? `${TIER_OF_ROW} ILIKE ${bind(`%${escapeLike(values[0])}%`)}` : `${TIER_OF_ROW} IN (${values.map(bind).join(', ')})`;
  return op === 'ne' ? `NOT coalesce(${sql}, FALSE)` : sql;
}

// A user's role lives in admin_users; "customer" means no row there.
function roleWhere(op: string, values: string[], bind: (v: unknown) => string): string {
  const roles = values.filter((r) => r !== 'customer');
  const has = roles.length ? `EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = t.id AND au.role IN (${roles.map(bind).join(', ')}))` : 'FALSE';
  const sql = values.includes('customer') ? `(${has} OR NOT EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = t.id))` : has;
  return op === 'ne' ? `NOT ${sql}` : sql;
}

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  status: string;
  role: string;
  isAdmin: boolean;
  tier: string | null;
  projectCount: number;
  deletedAt: string | null;
  createdAt: string;
  lastActiveAt: string | null;
}

const LIST_EXTRA = {
  role: '(SELECT role FROM admin_users au WHERE au.user_id = t.id)',
  tier: TIER_OF_ROW,
  projectCount: '(SELECT count(*)::int FROM projects p WHERE p.owner_id = t.id)',
  deletedAt: 't.deleted_at',
};

/** The console's users list: filters, search, sort and one page, with role, tier and project count per row. */
export async function listUsers(query: Record<string, unknown>): Promise<Page<UserListItem>> {
  return listUsersPage(parseListQuery(query, usersListSpec));
}

/** One page of an already parsed users query (the CSV export walks every page with it). */
export async function listUsersPage(lq: ListQuery): Promise<Page<UserListItem>> {
  const page = await paginate(User, lq, { omit: ['passwordHash'], extra: LIST_EXTRA });
  return {
    ...page,
    rows: page.rows.map((u) => {
      const role = (u.role as string | null) ?? 'customer';
      const deletedAt = u.deletedAt as Date | null;
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        status: deletedAt ? 'deleted' : u.status,
        role,
        isAdmin: role !== 'customer',
        tier: (u.tier as string | null) ?? null,
        projectCount: Number(u.projectCount),
        createdAt: u.createdAt.toISOString(),
        lastActiveAt: u.lastActiveAt?.toISOString() ?? null,
        deletedAt: deletedAt ? new Date(deletedAt).toISOString() : null,
      };
    }),
  };
}
