import express from 'express';
import { z } from 'zod';
import type { Api } from '../../http/route';
import type { Config } from '../../config';
import { AppError } from '../../http/errors';
import { switchToImpersonation } from '../../http/auth';
import { listQueryDoc } from '../../http/list-query';
import { ADMIN_ROLES } from './admin.models';
import { actorOf } from './audit';
import { listUsers, usersListSpec } from './users/list-users.service';
import { getUserDetail } from './users/get-user.service';
import { setAdminRole } from './users/set-admin-role.service';
import { suspendUser } from './users/suspend-user.service';
import { reactivateUser } from './users/reactivate-user.service';
import { resetUserPassword } from './users/reset-user-password.service';
import { eraseUser } from './users/erase-user.service';
import { bulkBody, bulkUsers } from './users/bulk-users.service';
import { exportUsersCsv } from './users/export-users.service';
import { getUserImport, listUserImports, startUserImport } from './users/import-users.service';
import { startImpersonation } from './impersonation/start-impersonation.service';
import { listPermissions, listRoles, updateRolePermissions } from './roles/roles.service';
import { auditLogListSpec, listAuditLog } from './audit-log/list-audit-log.service';
import { exportAuditLogCsv } from './audit-log/export-audit-log.service';
import { verifyAuditChain } from './audit-log/verify-audit-chain.service';
import { listOutbox, outboxListSpec } from './outbox/list-outbox.service';

const idParams = z.object({ id: z.string().uuid() });
const userListItem = z.object({ id: z.string(), name: z.string(), email: z.string(), status: z.string(), role: z.string(), isAdmin: z.boolean(), tier: z.string().nullable(), projectCount: z.number(), createdAt: z.string(), lastActiveAt: z.string().nullable(), deletedAt: z.string().nullable() }).meta({ id: 'UserListItem' });
const roleSchema = z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()), memberCount: z.number(), editable: z.boolean() }).meta({ id: 'Role' });
const auditSchema = z.object({ id: z.string(), actorId: z.string().nullable(), actorEmail: z.string().nullable(), action: z.string(), targetType: z.string(), targetId: z.string().nullable(), targetLabel: z.string().nullable().describe('What the target is called now (a user\'s name, a ticket\'s number and subject, an invoice\'s number), or null'), actorName: z.string().nullable().describe('The actor\'s name now, or null (a system entry, a deleted actor)'), names: z.record(z.string(), z.string()).describe('The name now of each user whose id the recorded before/after values hold (a ticket\'s assignee or customer), by id'), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(), userAgent: z.string().nullable(), seq: z.number().nullable(), prevHash: z.string().nullable(), hash: z.string().nullable(), createdAt: z.string() }).meta({ id: 'AuditEntry' });
const statusChange = z.object({ id: z.string(), status: z.enum(['active', 'suspended']), sessionsEnded: z.number() });
const importSchema = z.object({ id: z.string(), filename: z.string(), status: z.enum(['queued', 'running', 'completed', 'failed']), totalRows: z.number(), processedRows: z.number(), createdCount: z.number(), errorCount: z.number(), errors: z.array(z.object({ line: z.number(), email: z.string().nullable(), reason: z.string() })), failure: z.string().nullable(), actorEmail: z.string().nullable(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable() }).meta({ id: 'UserImport' });
const chainReport = z.object({ intact: z.boolean(), checkedRows: z.number(), checkedAt: z.string(), firstBroken: z.object({ id: z.string(), seq: z.number(), createdAt: z.string(), action: z.string(), problem: z.enum(['content_changed', 'previous_row_missing_or_changed']) }).nullable() }).meta({ id: 'AuditChainReport' });

const withActor = (req: Parameters<typeof actorOf>[0]) => ({ ...actorOf(req), id: req.auth!.user.id });
// CSV imports arrive as the raw file (text/csv), up to a few MB: larger than the JSON body limit.
const csvBody = express.text({ type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'], limit: '5mb' });

export function adminRoutes(api: Api, config: Pick<Config, 'publicUrl'>): void {
  api.route({
    method: 'get', path: '/admin/users', tags: ['Admin: users'], permission: 'users.read', list: true,
    summary: 'Users, filtered (status, role, tier, signed up, last active), searched, sorted and paged (simple-rest)', query: listQueryDoc(usersListSpec), response: userListItem,
    handler: ({ req }) => listUsers(req.query as Record<string, unknown>),
  });

  // Static /admin/users/… paths come before /admin/users/:id.
  api.route({
    method: 'get', path: '/admin/users/export.csv', tags: ['Admin: users'], permission: 'users.read', raw: true, list: true, // list: the filters are parsed by the list contract
    summary: 'The filtered users list as CSV (same filters as the list; streamed)', query: listQueryDoc(usersListSpec),
    handler: ({ req, res }) => exportUsersCsv(actorOf(req), req.query as Record<string, unknown>, res),
  });

  api.route({
    method: 'post', path: '/admin/users/bulk', tags: ['Admin: users'], permission: 'users.read', status: 200, body: bulkBody,
    summary: 'Suspend, reactivate (needs users.suspend) or export a selection of users, with a result per user',
    handler: ({ req, body, auth }) => bulkUsers(withActor(req), auth.permissions, body),
  });

  api.route({
    method: 'post', path: '/admin/users/imports', tags: ['Admin: users'], permission: 'users.import', status: 202, before: [csvBody],
    query: z.object({ filename: z.string().max(200).optional() }), response: importSchema,
    summary: 'Import customers from a CSV file (header: name,email), worked in the background; poll the import for progress',
    handler: ({ req, query }) => {
      if (typeof req.body !== 'string') throw AppError.badRequest('invalid_csv', 'Send the file itself with Content-Type: text/csv.');
      return startUserImport(actorOf(req), { csv: req.body, filename: query.filename });
    },
  });

  api.route({
    method: 'get', path: '/admin/users/imports', tags: ['Admin: users'], permission: 'users.import', response: z.array(importSchema),
    summary: 'The latest user imports with their progress',
    handler: () => listUserImports(),
  });

  api.route({
    method: 'get', path: '/admin/users/imports/:id', tags: ['Admin: users'], permission: 'users.import', params: idParams, response: importSchema,
    summary: 'An import\'s progress (rows done of total) and its per-row error report',
    handler: async ({ params }) => (await getUserImport(params.id)) ?? Promise.reject(AppError.notFound('Import')),
  });

  api.route({
    method: 'get', path: '/admin/users/:id', tags: ['Admin: users'], permission: 'users.read', params: idParams,
    summary: 'A user with history: profile, plan and invoices, projects, activity, tickets and audit entries',
    handler: ({ params }) => getUserDetail(params.id),
  });

  api.route({
    method: 'post', path: '/admin/users/:id/suspend', tags: ['Admin: users'], permission: 'users.suspend', params: idParams, status: 200,
    body: z.strictObject({ reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500) }), response: statusChange,
    summary: 'Suspend an account: every session ends at once and sign-in answers 403 account_suspended',
    handler: ({ req, params, body }) => suspendUser(withActor(req), params.id, body.reason),
  });

  api.route({
    method: 'post', path: '/admin/users/:id/reactivate', tags: ['Admin: users'], permission: 'users.suspend', params: idParams, status: 200, response: statusChange,
    summary: 'Lift a suspension',
    handler: ({ req, params }) => reactivateUser(withActor(req), params.id),
  });

  api.route({
    method: 'post', path: '/admin/users/:id/reset-password', tags: ['Admin: users'], permission: 'users.suspend', params: idParams, status: 200,
    response: z.object({ id: z.string(), sessionsEnded: z.number(), emailedTo: z.string() }),
    summary: 'E-mail the user a password reset link; their sessions end',
    handler: ({ req, params }) => resetUserPassword(withActor(req), params.id, config.publicUrl),
  });

  api.route({
    method: 'delete', path: '/admin/users/:id', tags: ['Admin: users'], permission: 'users.delete', params: idParams, status: 200,
    response: z.object({ id: z.string(), deletedAt: z.string(), alreadyDeleted: z.boolean() }),
    summary: 'Erase an account\'s personal data (name, e-mail, content); invoices stay for the books. Repeating it changes nothing',
    handler: ({ req, params }) => eraseUser(withActor(req), params.id),
  });

  api.route({
    method: 'post', path: '/admin/users/:id/impersonate', tags: ['Admin: users'], permission: 'users.impersonate', params: idParams, status: 200,
    response: z.object({ redirectTo: z.string(), expiresAt: z.string() }),
    summary: 'View the portal as this customer: a read-only session for 30 minutes replaces yours until you stop',
    handler: async ({ req, res, params }) => {
      const { token, expiresAt } = await startImpersonation(withActor(req), params.id);
      switchToImpersonation(req, res, token, expiresAt);
      return { redirectTo: '/portal/', expiresAt: expiresAt.toISOString() };
    },
  });

  api.route({
    method: 'put', path: '/admin/users/:id/admin-role', tags: ['Admin: users'], permission: 'roles.manage', params: idParams, status: 200,
    summary: 'Grant, change or revoke (role null) a user\'s admin role',
    body: z.strictObject({ role: z.enum(ADMIN_ROLES).nullable(), extraPermissions: z.array(z.string().max(100)).max(100).optional() }),
    handler: ({ req, params, body }) => setAdminRole(withActor(req), params.id, body),
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
    summary: 'The audit trail (simple-rest; filters actorId, actorEmail, action, targetType, targetId, createdAt range)', query: listQueryDoc(auditLogListSpec), response: auditSchema,
    handler: ({ req }) => listAuditLog(req.query as Record<string, unknown>),
  });

  api.route({
    method: 'get', path: '/admin/audit-log/export.csv', tags: ['Admin: audit'], permission: 'audit.read', raw: true, list: true,
    summary: 'The filtered audit trail as CSV (streamed)', query: listQueryDoc(auditLogListSpec),
    handler: ({ req, res }) => exportAuditLogCsv(req.query as Record<string, unknown>, res),
  });

  api.route({
    method: 'get', path: '/admin/audit-log/verify', tags: ['Admin: audit'], permission: 'audit.read', response: chainReport,
    summary: 'Check the audit trail\'s hash chain: intact, or the first row that was changed or follows a deleted one',
    handler: () => verifyAuditChain(),
  });

  api.route({
    method: 'get', path: '/admin/outbox', tags: ['Admin: audit'], permission: 'outbox.read', list: true,
    summary: 'E-mails sent or stored by the platform (simple-rest)', query: listQueryDoc(outboxListSpec),
    handler: ({ req }) => listOutbox(req.query as Record<string, unknown>),
  });
}
