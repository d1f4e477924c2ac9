import type { Config } from './config';
import { logger } from './lib/logger';
import { resolveDatabase } from './db/bootstrap';
import { closeDatabase, connectDatabase } from './db/sequelize';
import { migrateUp } from './db/migrator';
import { defineJobs } from './jobs/definitions';
import { createBillingGateway } from './modules/billing/index';
import type { PaymentGateway } from './modules/billing/gateways';
import { startQueue, stopQueue } from './jobs/queue';
import { setEmailTransport } from './modules/mail/mailer';
import { listenForAuthChanges, stopListeningForAuthChanges } from './modules/auth/session-cache';
import { SmtpTransport } from './modules/mail/smtp-transport';

export interface Runtime {
  databaseUrl: string;
  /** The process's one payment gateway, shared by the API and the jobs. */
  gateway: PaymentGateway;
  stop(): Promise<void>;
}

/**
 * Brings up what the API and the workers stand on, in order: database (embedded or DATABASE_URL),
 * migrations, adapters chosen from config, the job queue. stop() takes it down in reverse.
 */
export async function startRuntime(config: Config, opts: { work: boolean }): Promise<Runtime> {
  const target = await resolveDatabase(config);
  const gateway = createBillingGateway(config);
  try {
    const sequelize = await connectDatabase(target.url, { poolMax: config.DB_POOL_MAX });
    await migrateUp(sequelize, { quiet: config.NODE_ENV === 'test' });
    await listenForAuthChanges(target.url);
    setEmailTransport(config.SMTP_URL ? new SmtpTransport(config.SMTP_URL, config.MAIL_FROM) : null);
    defineJobs({ gateway });
    await startQueue(target.url, { work: opts.work });
  } catch (err) {
    await stopListeningForAuthChanges();
    await closeDatabase().catch(() => undefined);
    await target.embedded?.stop().catch(() => undefined);
    throw err;
  }
  return {
    databaseUrl: target.url,
    gateway,
    stop: async () => {
      await stopQueue().catch((err) => logger.error({ err }, 'stopping the job queue failed'));
      await stopListeningForAuthChanges();
      await closeDatabase().catch((err) => logger.error({ err }, 'closing the database pool failed'));
      await target.embedded?.stop();
    },
  };
}
