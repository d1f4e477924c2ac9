import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import type { Page } from '../../../http/route';
import { User } from '../../users/user.models';
import { ADMIN_ROLES } from '../admin.models';

const ROLE_VALUES = ['customer', ...ADMIN_ROLES] as const;

export const usersListSpec: ListSpec = {
  fields: {
    status: { type: 'enum', values: ['active', 'suspended'] },
    role: { type: 'enum', values: ROLE_VALUES, where: roleWhere },
    email: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'date' },
    lastActiveAt: { type: 'date' },
  },
  sortable: ['createdAt', 'lastActiveAt', 'name', 'email'],
  defaultSort: ['createdAt', 'desc'],
  search: ['name', 'email'],
};

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
  projectCount: number;
  createdAt: string;
  lastActiveAt: string | null;
}

/** The console's users list: filters, search, sort and one page, with role and project count per row. */
export async function listUsers(query: Record<string, unknown>): Promise<Page<UserListItem>> {
  const lq = parseListQuery(query, usersListSpec);
  const page = await paginate(User, lq, {
    omit: ['passwordHash'],
    extra: {
      role: '(SELECT role FROM admin_users au WHERE au.user_id = t.id)',
      projectCount: '(SELECT count(*)::int FROM projects p WHERE p.owner_id = t.id)',
    },
  });
  return {
    ...page,
    rows: page.rows.map((u) => {
      const role = (u.role as string | null) ?? 'customer';
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        status: u.status,
        role,
        isAdmin: role !== 'customer',
        projectCount: Number(u.projectCount),
        createdAt: u.createdAt.toISOString(),
        lastActiveAt: u.lastActiveAt?.toISOString() ?? null,
      };
    }),
  };
}
