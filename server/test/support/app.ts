import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { db } from '../../src/db/sequelize';
import { forgetListEstimates } from '../../src/http/list-query';
import { forgetSessions } from '../../src/modules/auth/session-cache';
import { forgetMaintenanceCache } from '../../src/modules/system/maintenance';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_LOGIN_PER_15_MIN: '100000', ...env });
}

let shared: Express | undefined;

/** The app under test (built once; rate limits are effectively off unless a test builds its own). */
export function app(): Express {
  return (shared ??= createApp(testConfig()));
}

/** Empties every table the API writes, keeping the seeded roles and permissions. */
export async function resetDatabase(): Promise<void> {
  forgetListEstimates();
  forgetSessions();
  await db().query(`TRUNCATE users, audit_logs, email_outbox, settings RESTART IDENTITY CASCADE`);
  forgetMaintenanceCache(); // read from settings, just emptied
  await db().query(`DELETE FROM role_permissions WHERE role_name NOT IN ('customer','super_admin','billing_admin','support_admin','analytics_admin')`);
}

/** A supertest agent signed in as the given account (the session cookie is kept by the agent). */
export async function signIn(email: string, password = DEFAULT_PASSWORD, on: Express = app()) {
  const agent = request.agent(on);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

export const DEFAULT_PASSWORD = 'correct horse battery';
