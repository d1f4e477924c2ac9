import nodemailer from 'nodemailer';
import { QueryTypes } from 'sequelize';
import type { Config } from '../../../config';
import { db } from '../../../db/sequelize';
import type { PaymentGateway } from '../../billing/gateways';
import { checkSearchHealth } from '../../search/health';
import { getThresholds } from '../alerts/thresholds';
import { queueStats } from './queue-stats';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface ComponentHealth {
  name: 'database' | 'jobQueue' | 'search' | 'payments' | 'mailer';
  label: string;
  status: HealthStatus;
  /** How long the check took; null when nothing was called (a configuration-only check). */
  latencyMs: number | null;
  message: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface SystemHealth {
  status: HealthStatus;
  checkedAt: string;
  uptimeSeconds: number;
  release: string;
  components: ComponentHealth[];
}

const CHECK_TIMEOUT_MS = 3_000;

type Check = Omit<ComponentHealth, 'name' | 'label' | 'latencyMs'> & { latencyMs?: number | null };

async function timed(name: ComponentHealth['name'], label: string, fn: () => Promise<Check>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    const result = await Promise.race([fn(), timeout]);
    return { name, label, latencyMs: result.latencyMs === undefined ? Math.round(performance.now() - started) : result.latencyMs, ...withoutLatency(result) };
  } catch (err) {
    return { name, label, status: 'down', latencyMs: Math.round(performance.now() - started), message: err instanceof Error ? err.message : String(err), details: {} };
  } finally {
    clearTimeout(timer);
  }
}

function withoutLatency<T extends { latencyMs?: unknown }>(r: T): Omit<T, 'latencyMs'> {
  const { latencyMs: _ignored, ...rest } = r;
  return rest;
}

async function database(): Promise<Check> {
  const [row] = await db().query<{ size_bytes: number; connections: number; cache_hit: number | null }>(
    `SELECT pg_database_size(current_database())::bigint AS size_bytes,
            (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::int AS connections,
            (SELECT round(100.0 * blks_hit / nullif(blks_hit + blks_read, 0), 2)::float8 FROM pg_stat_database WHERE datname = current_database()) AS cache_hit`,
    { type: QueryTypes.SELECT },
  );
  return { status: 'ok' as const, message: null, details: { sizeBytes: row.size_bytes, connections: row.connections, cacheHitPercent: row.cache_hit } };
}

async function jobQueue(): Promise<Check> {
  const [stats, thresholds] = await Promise.all([queueStats(), getThresholds()]);
  const over = stats.backlog > thresholds.queueBacklog;
  return {
    status: over ? ('degraded' as const) : ('ok' as const),
    message: over ? `${stats.backlog} jobs waiting (alert threshold ${thresholds.queueBacklog})` : null,
    details: { backlog: stats.backlog, active: stats.active, failedLast24h: stats.failedLast24h, oldestWaitingSeconds: stats.oldestWaitingSeconds },
  };
}

async function search(): Promise<Check> {
  const result = await checkSearchHealth();
  return { status: result.status === 'ok' ? ('ok' as const) : ('down' as const), latencyMs: result.latencyMs, message: result.status === 'ok' ? null : `${result.engine} is not answering`, details: { engine: result.engine } };
}

// Payments are checked from configuration only: a call to Stripe on every refresh of a health page
// would spend API rate limit, and the local gateway runs on our own tables.
async function payments(gateway: PaymentGateway, config: Config): Promise<Check> {
  if (gateway.kind === 'local') return { status: 'ok' as const, latencyMs: null, message: null, details: { processor: 'local', mode: 'test' } };
  const live = config.STRIPE_SECRET_KEY?.startsWith('sk_live_') ?? false;
  const webhooks = Boolean(config.STRIPE_WEBHOOK_SECRET);
  return {
    status: webhooks ? ('ok' as const) : ('degraded' as const),
    latencyMs: null,
    message: webhooks ? null : 'STRIPE_WEBHOOK_SECRET is not set: payment outcomes from Stripe are refused',
    details: { processor: 'stripe', mode: live ? 'live' : 'test', webhooksConfigured: webhooks },
  };
}

let smtp: { url: string; transporter: ReturnType<typeof nodemailer.createTransport> } | undefined;

async function mailer(config: Config): Promise<Check> {
  const [row] = await db().query<{ pending: number; failing: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'pending' AND error IS NOT NULL)::int AS failing FROM email_outbox`,
    { type: QueryTypes.SELECT },
  );
  if (!config.SMTP_URL) {
    return { status: 'ok' as const, latencyMs: null, message: 'No SMTP_URL: e-mails are kept in the outbox, readable in the console', details: { mode: 'outbox', pending: row.pending } };
  }
  if (smtp?.url !== config.SMTP_URL) smtp = { url: config.SMTP_URL, transporter: nodemailer.createTransport(config.SMTP_URL) };
  const started = performance.now();
  await smtp.transporter.verify(); // connects and authenticates; sends nothing
  const latencyMs = Math.round(performance.now() - started);
  return {
    status: row.failing > 0 ? ('degraded' as const) : ('ok' as const),
    latencyMs,
    message: row.failing > 0 ? `${row.failing} e-mails failed delivery and are being retried` : null,
    details: { mode: 'smtp', pending: row.pending, failing: row.failing },
  };
}

/** Checks the database, job queue, search engine, payment gateway and mailer in parallel, each with a timeout. */
export async function checkSystemHealth(deps: { gateway: PaymentGateway; config: Config; now: Date }): Promise<SystemHealth> {
  const components = await Promise.all([
    timed('database', 'Database', database),
    timed('jobQueue', 'Job queue', jobQueue),
    timed('search', 'Search engine', search),
    timed('payments', 'Payment gateway', () => payments(deps.gateway, deps.config)),
    timed('mailer', 'Mailer', () => mailer(deps.config)),
  ]);
  // Without the database nothing works; anything else failing leaves the product partly usable.
  const status: HealthStatus = components.find((c) => c.name === 'database')!.status === 'down' ? 'down' : components.every((c) => c.status === 'ok') ? 'ok' : 'degraded';
  return { status, checkedAt: deps.now.toISOString(), uptimeSeconds: Math.round(process.uptime()), release: deps.config.RELEASE, components };
}
