import { PgBoss } from './pg-boss';
import type { Transaction } from 'sequelize';
import type { Client as PgClient } from 'pg';
import { logger } from '../lib/logger';
import { reportError } from '../lib/error-reporter';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

interface QueueDefinition {
  name: string;
  handler: JobHandler;
  /** cron expression (UTC) for recurring jobs */
  schedule?: string;
  retryLimit?: number;
  /** Jobs of this queue worked at once in a process (default 1); for jobs that mostly wait on I/O. */
  workers?: number;
}

const definitions = new Map<string, QueueDefinition>();
let boss: PgBoss | null = null;

/** Modules declare their queues once at import; start() creates them and (when workers run here) works them. */
export function defineQueue(def: QueueDefinition): void {
  definitions.set(def.name, def);
}

export async function startQueue(url: string, opts: { work: boolean }): Promise<PgBoss> {
  boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, supervise: true, schedule: opts.work });
  boss.on('error', (err: unknown) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const def of definitions.values()) {
    await boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 3, retryDelay: 5, retryBackoff: true });
    if (!opts.work) continue;
    // pg-boss 10 runs one fetch-and-work loop per work() call: several calls work several jobs at once.
    for (let i = 0; i < Math.max(1, def.workers ?? 1); i++) {
      await boss.work<Record<string, unknown>>(def.name, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await def.handler(job.data);
          } catch (err) {
            // every failed attempt is reported (system log + Sentry); pg-boss still retries it
            reportError(err, { component: 'job', job: def.name, jobId: job.id });
            throw err;
          }
        }
      });
    }
    if (def.schedule) await boss.schedule(def.name, def.schedule);
  }
  return boss;
}

export async function stopQueue(): Promise<void> {
  const b = boss;
  boss = null;
  await b?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/**
 * Sends a job; with a transaction the job row is written through it, so the job exists only if the
 * work that caused it commits.
 */
export async function enqueueJob(name: string, data: Record<string, unknown>, opts: { transaction?: Transaction; singletonKey?: string } = {}): Promise<void> {
  if (!boss) throw new Error(`Job queue not started: cannot send ${name}`);
  const transaction = opts.transaction;
  await boss.send(name, data, {
    ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    ...(transaction
      ? {
          db: {
            // the transaction's own pg client: Sequelize's bind-parameter rewriting mangles pg-boss's SQL
            executeSql: (text: string, values: unknown[]) => (transaction as unknown as { connection: PgClient }).connection.query(text, values),
          },
        }
      : {}),
  });
}

/**
 * Sends many jobs of one queue in one statement (pg-boss `insert`), through the transaction like enqueueJob:
 * for a batch job that creates thousands of follow-ups, where one round trip per job would dominate.
 */
export async function enqueueJobs(name: string, data: Array<Record<string, unknown>>, opts: { transaction: Transaction }): Promise<void> {
  if (!boss) throw new Error(`Job queue not started: cannot send ${name}`);
  if (data.length === 0) return;
  const transaction = opts.transaction;
  await boss.insert(data.map((d) => ({ name, data: d })), {
    db: { executeSql: (text: string, values: unknown[]) => (transaction as unknown as { connection: PgClient }).connection.query(text, values) },
  });
}
