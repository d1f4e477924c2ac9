import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Api } from '../../http/route';
import type { AuthContext } from '../../http/auth-context';
import { AppError } from '../../http/errors';
import { clearSessionCookie, restoreAdminSession, setSessionCookie } from '../../http/auth';
import type { Config } from '../../config';
import { presentSelf, userSchema } from '../users/user.presenter';
import { changePasswordBody, loginBody, registerBody, resetConfirmBody, resetRequestBody, updateProfileBody } from './auth.schemas';
import { registerCustomer } from './register.service';
import { authenticate } from './login.service';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service';
import { changePassword, updateProfile } from './account.service';
import { createSession, destroySession, resolveSession } from './session.service';
import { findAccount } from './accounts';
import { endImpersonation, getImpersonation } from './impersonation.service';
import { maintenanceRefusal, readMaintenance } from '../system/maintenance';

const userResponse = z.object({ user: userSchema });
const impersonationSchema = z
  .object({ impersonatorId: z.string(), impersonatorName: z.string(), impersonatorEmail: z.string(), expiresAt: z.string() })
  .nullable()
  .meta({ id: 'Impersonation', description: 'Set while an admin views the portal as this customer (read-only)' });
const meResponse = z.object({ user: userSchema, impersonation: impersonationSchema });

export function authRoutes(api: Api, config: Config): void {
  const secure = config.NODE_ENV === 'production';
  const limited = (name: string, limit: number, key: 'ip' | 'account'): RequestHandler =>
    rateLimit({
      windowMs: 15 * 60 * 1000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // per account only failures count, so a user who signs in often is never locked out
      skipSuccessfulRequests: key === 'account',
      keyGenerator: (req) => (key === 'ip' ? `${name}:${ipKeyGenerator(req.ip ?? '')}` : `${name}:${String(req.body?.email ?? '').trim().toLowerCase()}`),
      handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'Too many attempts. Wait a few minutes and try again.')),
    });
  const loginLimits = [limited('login-ip', config.RATE_LIMIT_LOGIN_PER_15_MIN, 'ip'), limited('login-account', 10, 'account')];
  const resetLimits = [limited('reset-ip', config.RATE_LIMIT_LOGIN_PER_15_MIN, 'ip'), limited('reset-account', 5, 'account')];

  const startSession = async (userId: string, req: import('express').Request, res: import('express').Response) => {
    const { token, expiresAt } = await createSession({ userId, ip: req.ip, userAgent: req.get('user-agent'), ttlHours: config.SESSION_TTL_HOURS });
    setSessionCookie(res, token, expiresAt, secure);
    const auth = await resolveSession(token);
    return { user: presentSelf(auth!) };
  };

  api.route({
    method: 'post', path: '/auth/register', tags: ['Auth'], access: 'public', summary: 'Create a customer account and sign in',
    body: registerBody, response: userResponse, status: 201, before: [limited('register-ip', config.RATE_LIMIT_LOGIN_PER_15_MIN, 'ip')],
    handler: async ({ body, req, res }) => {
      const user = await registerCustomer(body);
      return startSession(user.id, req, res);
    },
  });

  api.route({
    method: 'post', path: '/auth/login', tags: ['Auth'], access: 'public', summary: 'Sign in with e-mail and password',
    body: loginBody, response: userResponse, status: 200, before: loginLimits,
    handler: async ({ body, req, res }) => {
      const user = await authenticate(body.email, body.password);
      // Sign-in stays open during maintenance so admins can work; a customer is told why, not let into a portal that answers 503.
      if (user.role === 'customer') {
        const maintenance = await readMaintenance(config.MAINTENANCE_MESSAGE);
        if (maintenance.enabled) throw maintenanceRefusal(res, maintenance);
      }
      return startSession(user.id, req, res);
    },
  });

  api.route({
    method: 'post', path: '/auth/logout', tags: ['Auth'], access: 'public', summary: 'End the current session', status: 204,
    handler: async ({ req, res }) => {
      // Signing out of a "view as customer" session ends the viewing and gives the admin their session back.
      if (req.auth?.impersonatorId) {
        await endImpersonation({ sessionId: req.auth.sessionId }, 'logout', { ip: req.ip, userAgent: req.get('user-agent') });
        return restoreAdminSession(req, res);
      }
      if (req.auth) await destroySession(req.auth.sessionId);
      clearSessionCookie(res, secure);
    },
  });

  const self = async (auth: AuthContext) => ({ user: presentSelf(auth), impersonation: auth.impersonatorId ? await getImpersonation(auth.sessionId) : null });
  api.route({
    method: 'get', path: '/auth/me', tags: ['Auth'], summary: 'The signed-in user with role and permissions, and whether an admin is viewing as them', response: meResponse,
    handler: ({ auth }) => self(auth),
  });
  // What the UIs ask on every load: a signed-out visitor gets user null, not a 401 the browser logs as an error.
  api.route({
    method: 'get', path: '/auth/session', access: 'public', tags: ['Auth'],
    summary: 'Who is signed in on this browser: as GET /auth/me, or user null when no one is', response: meResponse.extend({ user: userSchema.nullable() }),
    handler: async ({ req }) => (req.auth ? self(req.auth) : { user: null, impersonation: null }),
  });

  api.route({
    method: 'post', path: '/auth/impersonation/stop', tags: ['Auth'], summary: 'Stop viewing the portal as a customer; the admin\'s own session comes back', status: 200,
    response: z.object({ redirectTo: z.string() }),
    handler: async ({ auth, req, res }) => {
      if (!auth.impersonatorId) throw AppError.badRequest('not_impersonating', 'This session is not viewing as a customer.');
      const ended = await endImpersonation({ sessionId: auth.sessionId }, 'stopped', { ip: req.ip, userAgent: req.get('user-agent') });
      restoreAdminSession(req, res);
      return { redirectTo: `/admin/users/${ended?.userId ?? auth.user.id}` };
    },
  });

  api.route({
    method: 'patch', path: '/auth/me', tags: ['Auth'], summary: 'Update your own profile', body: updateProfileBody, response: userResponse,
    handler: async ({ auth, body }) => {
      await updateProfile(auth.user.id, body);
      const account = await findAccount({ id: auth.user.id });
      return { user: presentSelf({ ...auth, user: account! }) };
    },
  });

  api.route({
    method: 'post', path: '/auth/change-password', tags: ['Auth'], summary: 'Change your password (other sessions end)', body: changePasswordBody, status: 204,
    handler: async ({ auth, body }) => {
      await changePassword(auth.user.id, auth.sessionId, body);
    },
  });

  api.route({
    method: 'post', path: '/auth/password-reset/request', tags: ['Auth'], access: 'public', summary: 'E-mail a password reset link (answers 202 whether or not the address exists)',
    body: resetRequestBody, status: 202, before: resetLimits,
    handler: async ({ body, res }) => {
      await requestPasswordReset(body.email, config.publicUrl);
      res.status(202).json({ message: 'If an account exists for that address, we have sent a link to reset the password.' });
    },
    raw: true,
  });

  api.route({
    method: 'post', path: '/auth/password-reset/confirm', tags: ['Auth'], access: 'public', summary: 'Set a new password with a reset token; all sessions end',
    body: resetConfirmBody, status: 204, before: [limited('reset-confirm-ip', config.RATE_LIMIT_LOGIN_PER_15_MIN, 'ip')],
    handler: async ({ body }) => {
      await confirmPasswordReset(body.token, body.password);
    },
  });
}
