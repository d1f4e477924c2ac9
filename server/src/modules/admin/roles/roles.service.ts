import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { Permission, Role, RolePermission } from '../admin.models';
import { audit, type AuditActor } from '../audit';

export interface RoleDto {
  name: string;
  description: string;
  permissions: string[];
  memberCount: number;
  editable: boolean;
}

/** Every permission the platform knows, grouped for the console's matrix. */
export async function listPermissions() {
  const rows = await Permission.findAll({ order: [['groupName', 'ASC'], ['key', 'ASC']] });
  return rows.map((p) => ({ key: p.key, group: p.groupName, description: p.description }));
}

/** Roles with their permissions and member counts; super_admin always holds every permission. */
export async function listRoles(): Promise<RoleDto[]> {
  const rows = await db().query<{ name: string; description: string; permissions: string[] | null; members: number }>(
    `SELECT r.name, r.description,
            CASE WHEN r.name = 'super_admin' THEN (SELECT array_agg(key ORDER BY key) FROM permissions)
                 ELSE (SELECT array_agg(permission_key ORDER BY permission_key) FROM role_permissions rp WHERE rp.role_name = r.name) END AS permissions,
            CASE WHEN r.name = 'customer' THEN (SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM admin_users a WHERE a.user_id = u.id))
                 ELSE (SELECT count(*) FROM admin_users a WHERE a.role = r.name) END::int AS members
       FROM roles r
      ORDER BY CASE r.name WHEN 'super_admin' THEN 0 WHEN 'customer' THEN 9 ELSE 1 END, r.name`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ name: r.name, description: r.description, permissions: r.permissions ?? [], memberCount: r.members, editable: r.name !== 'super_admin' }));
}

/** Replaces a role's permission set (super_admin is fixed), audited with before and after. */
export async function updateRolePermissions(actor: AuditActor, name: string, permissions: string[]): Promise<RoleDto> {
  const wanted = [...new Set(permissions)].sort();
  await db().transaction(async (transaction) => {
    const role = await Role.findByPk(name, { transaction, lock: transaction.LOCK.UPDATE });
    if (!role) throw AppError.notFound('Role');
    if (name === 'super_admin') throw AppError.badRequest('role_not_editable', 'The super admin role always has every permission');
    const known = new Set((await Permission.findAll({ attributes: ['key'], transaction })).map((p) => p.key));
    const unknown = wanted.filter((p) => !known.has(p));
    if (unknown.length) throw AppError.validation({ permissions: [`Unknown permission(s): ${unknown.join(', ')}`] });
    const before = (await RolePermission.findAll({ where: { roleName: name }, transaction })).map((r) => r.permissionKey).sort();
    await RolePermission.destroy({ where: { roleName: name }, transaction });
    await RolePermission.bulkCreate(wanted.map((p) => ({ roleName: name, permissionKey: p })), { transaction });
    role.changed('updatedAt', true);
    await role.save({ transaction });
    await audit(actor, { action: 'role.permissions_updated', targetType: 'role', targetId: name, before: { permissions: before }, after: { permissions: wanted } }, transaction);
  });
  return (await listRoles()).find((r) => r.name === name)!;
}
