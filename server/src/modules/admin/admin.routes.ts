import { z } from 'zod';
import type { Api } from '../../http/route';
import { listQueryDoc } from '../../http/list-query';
import { ADMIN_ROLES } from './admin.models';
import { actorOf } from './audit';
import { listUsers, usersListSpec } from './users/list-users.service';
import { getUserDetail } from './users/get-user.service';
import { setAdminRole } from './users/set-admin-role.service';
import { listPermissions, listRoles, updateRolePermissions } from './roles/roles.service';
import { auditLogListSpec, listAuditLog } from './audit-log/list-audit-log.service';
import { listOutbox, outboxListSpec } from './outbox/list-outbox.service';

const idParams = z.object({ id: z.string().uuid() });
const userListItem = z.object({ id: z.string(), name: z.string(), email: z.string(), status: z.string(), role: z.string(), isAdmin: z.boolean(), projectCount: z.number(), createdAt: z.string(), lastActiveAt: z.string().nullable() }).meta({ id: 'UserListItem' });
const roleSchema = z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()), memberCount: z.number(), editable: z.boolean() }).meta({ id: 'Role' });
const auditSchema = z.object({ id: z.string(), actorId: z.string().nullable(), actorEmail: z.string().nullable(), action: z.string(), targetType: z.string(), targetId: z.string().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(), userAgent: z.string().nullable(), createdAt: z.string() }).meta({ id: 'AuditEntry' });

export function adminRoutes(api: Api): void {
  api.route({
    method: 'get', path: '/admin/users', tags: ['Admin: users'], permission: 'users.read', list: true,
    summary: 'Users, filtered, searched, sorted and paged (simple-rest)', query: listQueryDoc(usersListSpec), response: userListItem,
    handler: ({ req }) => listUsers(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'get', path: '/admin/users/:id', tags: ['Admin: users'], permission: 'users.read', params: idParams,
    summary: 'A user with counts, recent projects and audit history',
    handler: ({ params }) => getUserDetail(params.id),
  });

  api.route({
    method: 'put', path: '/admin/users/:id/admin-role', tags: ['Admin: users'], permission: 'roles.manage', params: idParams, status: 200,
    summary: 'Grant, change or revoke (role null) a user\'s admin role',
    body: z.strictObject({ role: z.enum(ADMIN_ROLES).nullable(), extraPermissions: z.array(z.string().max(100)).max(100).optional() }),
    handler: ({ req, params, body, auth }) => setAdminRole({ ...actorOf(req), id: auth.user.id }, params.id, body),
  });

  api.route({
    method: 'get', path: '/admin/permissions', tags: ['Admin: access'], permission: 'roles.read', summary: 'The permission catalogue',
    response: z.array(z.object({ key: z.string(), group: z.string(), description: z.string() })),
    handler: () => listPermissions(),
  });

  api.route({
    method: 'get', path: '/admin/roles', tags: ['Admin: access'], permission: 'roles.read', summary: 'Roles with permissions and member counts',
    response: z.array(roleSchema),
    handler: () => listRoles(),
  });

  api.route({
    method: 'patch', path: '/admin/roles/:name', tags: ['Admin: access'], permission: 'roles.manage', summary: 'Replace a role\'s permissions',
    params: z.object({ name: z.string().max(50) }), body: z.strictObject({ permissions: z.array(z.string().max(100)).max(200) }), response: roleSchema,
    handler: ({ req, params, body }) => updateRolePermissions(actorOf(req), params.name, body.permissions),
  });

  api.route({
    method: 'get', path: '/admin/audit-log', tags: ['Admin: audit'], permission: 'audit.read', list: true,
    summary: 'The audit trail (simple-rest)', query: listQueryDoc(auditLogListSpec), response: auditSchema,
    handler: ({ req }) => listAuditLog(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'get', path: '/admin/outbox', tags: ['Admin: audit'], permission: 'outbox.read', list: true,
    summary: 'E-mails sent or stored by the platform (simple-rest)', query: listQueryDoc(outboxListSpec),
    handler: ({ req }) => listOutbox(req.query as Record<string, unknown>),
  });
}
