import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { db } from '../../src/db/sequelize';
import { forgetListEstimates } from '../../src/http/list-query';
import { forgetSessions } from '../../src/modules/auth/session-cache';
import { forgetMaintenanceCache } from '../../src/modules/system/maintenance';
import { DRAIN_LOCK } from '../../src/modules/search/indexer';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_LOGIN_PER_15_MIN: '100000', ...env });
}

let shared: Express | undefined;

/** The app under test (built once; rate limits are effectively off unless a test builds its own). */
export function app(): Express {
  return (shared ??= createApp(testConfig()));
}

/**
 * Runs a TRUNCATE once no search indexer or rebuild is between its reads and its writes (they hold the
 * drain lock while they work): truncating tables under one of those background jobs can deadlock with it.
 */
export async function truncate(sql: string): Promise<void> {
  await db().transaction(async (transaction) => {
    await db().query(`SELECT pg_advisory_xact_lock(${DRAIN_LOCK})`, { transaction });
    await db().query(sql, { transaction });
  });
}

/** Empties every table the API writes, keeping the seeded roles and permissions. */
export async function resetDatabase(): Promise<void> {
  forgetListEstimates();
  forgetSessions();
  await truncate(`TRUNCATE users, audit_logs, email_outbox, settings RESTART IDENTITY CASCADE`);
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
