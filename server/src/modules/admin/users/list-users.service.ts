import { literal, type WhereOptions } from 'sequelize';
import { db } from '../../../db/sequelize';
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

function roleWhere(op: string, value: string | string[]): WhereOptions {
  const values = Array.isArray(value) ? value : [value];
  const roles = values.filter((r) => r !== 'customer');
  const has = roles.length
    ? `EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = "User"."id" AND au.role IN (${roles.map((r) => db().escape(r)).join(', ')}))`
    : 'FALSE';
  const sql = values.includes('customer') ? `(${has} OR NOT EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = "User"."id"))` : has;
  return literal(op === 'ne' ? `NOT ${sql}` : sql) as unknown as WhereOptions;
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
    attributes: {
      exclude: ['passwordHash'],
      include: [
        [literal(`(SELECT role FROM admin_users au WHERE au.user_id = "User"."id")`), 'role'],
        [literal(`(SELECT count(*)::int FROM projects p WHERE p.owner_id = "User"."id")`), 'projectCount'],
      ],
    },
  });
  return {
    ...page,
    rows: page.rows.map((u) => {
      const role = (u.get('role') as string | null) ?? 'customer';
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        status: u.status,
        role,
        isAdmin: role !== 'customer',
        projectCount: Number(u.get('projectCount')),
        createdAt: u.createdAt.toISOString(),
        lastActiveAt: u.lastActiveAt?.toISOString() ?? null,
      };
    }),
  };
}
