/**
 * The "bare" side of the benchmark: GET /api/admin/users on plain Express 5 + one pg.Pool, sending the
 * SAME SQL text the app sends for the benchmark's scenarios, without Sequelize, pino-http, helmet, zod
 * or the route framework. Mirrors:
 *   - src/modules/auth/session.service.ts resolveSession (session + role + permissions, bind params), and
 *     its session cache (a session resolved less than 5 s ago is not read again)
 *   - src/http/list-query.ts parseListQuery / paginate (SQL built from the model's column map, bind parameters)
 *   - src/modules/admin/users/list-users.service.ts listUsers (columns, subqueries, row mapping)
 * for the filters the scenarios use (status, createdAt_gte, q; sort by createdAt). Values are bind
 * parameters on both sides.
 */

import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import pg from 'pg';
import { TtlCache } from '../src/lib/ttl-cache';

const SESSION_COOKIE = 'socrates_sid';
const EXACT_COUNT_LIMIT = 10_000;
const TRUST_ESTIMATE_ABOVE = 5 * EXACT_COUNT_LIMIT;
const estimates = new TtlCache<number>({ ttlMs: 10_000, maxEntries: 1_000 });
// session-cache.ts: resolved sessions kept 5 s (nothing changes auth data during the benchmark, so the app's
// invalidation on auth_changed never fires and is not mirrored).
const sessions = new TtlCache<SessionRow>({ ttlMs: 5_000, maxEntries: 10_000 });

// Verbatim from resolveSession (session.service.ts).
const SESSION_SQL = `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.impersonator_id,
            u.id, u.name, u.email, u.status, u.created_at, u.last_active_at,
            au.role, au.permissions AS extra,
            CASE WHEN au.role = 'super_admin' THEN (SELECT array_agg(key) FROM permissions)
                 ELSE (SELECT array_agg(permission_key) FROM role_permissions WHERE role_name = coalesce(au.role, 'customer'))
            END AS role_permissions
       FROM sessions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN admin_users au ON au.user_id = u.id
      WHERE s.token_hash = $1 AND s.expires_at > $2`;

// The columns listUsers reads (every users attribute but the password hash, plus role, tier, project count
// and the erasure date).
const LIST_COLUMNS =
  `t."id" AS "id", t."name" AS "name", t."email" AS "email", t."status" AS "status", t."last_active_at" AS "lastActiveAt", ` +
  `t."created_at" AS "createdAt", t."updated_at" AS "updatedAt", ` +
  `(SELECT role FROM admin_users au WHERE au.user_id = t.id) AS "role", ` +
  `coalesce((SELECT st.name FROM subscriptions s JOIN subscription_tiers st ON st.id = s.tier_id WHERE s.user_id = t.id AND s.status <> 'cancelled' LIMIT 1), CASE WHEN NOT EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = t.id) THEN 'free' END) AS "tier", ` +
  `(SELECT count(*)::int FROM projects p WHERE p.owner_id = t.id) AS "projectCount", t.deleted_at AS "deletedAt"`;

const SORT_COLUMNS: Record<string, string> = { createdAt: '"created_at"', lastActiveAt: '"last_active_at"', name: '"name"', email: '"email"' };

export interface BareServer {
  server: Server;
  /** Record the SQL of the next request (for comparing with the app's), with no session kept. */
  captureNext(): void;
  captured(): Statement[];
  close(): Promise<void>;
}

export async function startBareServer(url: string, poolMax: number): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, idleTimeoutMillis: 10_000 });
  let capturing = false;
  let capturedSql: Statement[] = [];
  const query = async <R extends pg.QueryResultRow>(sql: string, values?: unknown[], name?: string) => {
    if (capturing) capturedSql.push({ sql, values });
    return pool.query<R>({ text: sql, values, ...(name ? { name } : {}) });
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/api/admin/users', async (req, res) => {
    try {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token) return void res.status(401).json({ statusCode: 401, message: 'Sign in first' });
      const tokenHash = createHash('sha256').update(token).digest('hex');
      let session = sessions.get(tokenHash);
      if (session && new Date(session.expires_at) <= new Date()) session = undefined;
      if (!session) {
        session = (await query<SessionRow>(SESSION_SQL, [tokenHash, new Date()], 'auth.resolve-session')).rows[0];
        if (session?.status === 'active') sessions.set(tokenHash, session);
      }
      if (!session || session.status !== 'active') return void res.status(401).json({ statusCode: 401, message: 'Sign in first' });
      const permissions = new Set([...(session.role_permissions ?? []), ...(session.extra ?? [])]);
      if (!permissions.has('users.read')) return void res.status(403).json({ statusCode: 403, message: 'Forbidden' });

      const params = new URL(req.url, 'http://bare').searchParams;
      const start = Number(params.get('_start') ?? 0);
      const end = Number(params.get('_end') ?? start + 10);
      const sort = SORT_COLUMNS[params.get('_sort') ?? 'createdAt'];
      const order = (params.get('_order') ?? 'desc').toLowerCase() === 'asc' ? 'ASC' : 'DESC';
      if (!Number.isInteger(start) || !Number.isInteger(end) || end < start || end - start > 100 || !sort) {
        return void res.status(400).json({ statusCode: 400, message: 'Some list parameters are invalid' });
      }
      const conditions: string[] = [];
      const values: unknown[] = [];
      const bind = (v: unknown) => {
        values.push(v);
        return `$${values.length}`;
      };
      for (const [key, value] of params) {
        if (key.startsWith('_')) continue;
        // listUsers' status filter: an erased account is a suspended row with deleted_at set.
        if (key === 'status' && value === 'active') conditions.push(`((t.status = 'active' AND t.deleted_at IS NULL))`);
        else if (key === 'createdAt_gte') conditions.push(`t."created_at" >= ${bind(new Date(value))}`);
        else if (key === 'q' && value.trim()) {
          const like = bind(`%${escapeLike(value.trim())}%`);
          conditions.push(`(t."name" ILIKE ${like} OR t."email" ILIKE ${like})`);
        } else return void res.status(400).json({ statusCode: 400, message: `The bare handler does not support ${key}` });
      }
      const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
      const limit = end - start;

      // paginate(): the page first, then the computed columns for its rows only
      const orderBy = `ORDER BY t.${sort} ${order}, t.id ${order}`;
      const { rows } = await query<ListRow>(`SELECT ${LIST_COLUMNS} FROM (SELECT t.* FROM "users" t WHERE ${where} ${orderBy} LIMIT ${limit} OFFSET ${start}) t ${orderBy}`, values);
      // paginate(): a short first page is its own total; otherwise the planner's estimate (kept 10 s per filter set) first, trusted
      // when clearly large, else an exact count capped at EXACT_COUNT_LIMIT + 1.
      let total = rows.length;
      let estimated = false;
      if (!(start === 0 && rows.length < limit)) {
        const cacheKey = `${where}\n${JSON.stringify(values)}`;
        const kept = estimates.get(cacheKey);
        const estimate = kept ?? Math.round((await query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "users" t WHERE ${where}`, values)).rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
        if (estimate > TRUST_ESTIMATE_ABOVE) {
          if (kept === undefined) estimates.set(cacheKey, estimate);
          total = estimate;
          estimated = true;
        } else {
          const { rows: [{ n }] } = await query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM "users" t WHERE ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) c`, values);
          const exact = Number(n);
          if (exact > EXACT_COUNT_LIMIT) {
            total = Math.max(estimate, exact);
            estimated = true;
          } else total = exact;
        }
      }
      res.setHeader('x-total-count', String(total));
      if (estimated) res.setHeader('x-total-count-estimated', 'true');
      res.status(200).json(
        rows.map((u) => {
          const role = u.role ?? 'customer';
          return {
            id: u.id,
            name: u.name,
            email: u.email,
            status: u.deletedAt ? 'deleted' : u.status,
            role,
            isAdmin: role !== 'customer',
            tier: u.tier ?? null,
            projectCount: Number(u.projectCount),
            createdAt: u.createdAt.toISOString(),
            lastActiveAt: u.lastActiveAt?.toISOString() ?? null,
            deletedAt: u.deletedAt ? new Date(u.deletedAt).toISOString() : null,
          };
        }),
      );
    } catch (err) {
      res.status(500).json({ statusCode: 500, message: err instanceof Error ? err.message : String(err) });
    } finally {
      capturing = false;
    }
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    server,
    captureNext: () => {
      sessions.clear();
      capturedSql = [];
      capturing = true;
    },
    captured: () => capturedSql,
    close: () => pool.end(),
  };
}

/** One statement the bare handler sent, with its bind values. */
export interface Statement {
  sql: string;
  values?: unknown[];
}

interface SessionRow {
  status: string;
  expires_at: Date;
  role: string | null;
  extra: string[] | null;
  role_permissions: string[] | null;
}

interface ListRow {
  id: string;
  name: string;
  email: string;
  status: string;
  role: string | null;
  tier: string | null;
  projectCount: number;
  createdAt: Date;
  lastActiveAt: Date | null;
  deletedAt: Date | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
