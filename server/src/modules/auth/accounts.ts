import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import type { AuthUser } from '../../http/auth-context';
import type { RoleName } from '../admin/admin.models';

/** Loads a user with the admin role, by id or e-mail (case-insensitive). */
export async function findAccount(by: { id?: string; email?: string }, transaction?: Transaction): Promise<(AuthUser & { passwordHash: string }) | null> {
  const [row] = await db().query<{ id: string; name: string; email: string; status: 'active' | 'suspended'; created_at: Date; last_active_at: Date | null; password_hash: string; role: RoleName | null }>(
    `SELECT u.id, u.name, u.email, u.status, u.created_at, u.last_active_at, u.password_hash, au.role
       FROM users u LEFT JOIN admin_users au ON au.user_id = u.id
      WHERE ${by.id ? 'u.id = $1' : 'lower(u.email) = lower($1)'}`,
    { bind: [by.id ?? by.email], type: QueryTypes.SELECT, transaction },
  );
  if (!row) return null;
  return { id: row.id, name: row.name, email: row.email, status: row.status, createdAt: row.created_at, lastActiveAt: row.last_active_at, passwordHash: row.password_hash, role: row.role ?? 'customer' };
}
