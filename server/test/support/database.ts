import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded-postgres';
import { closeDatabase, connectDatabase } from '../../src/db/sequelize';
import { migrateUp } from '../../src/db/migrator';
import { defineJobs } from '../../src/jobs/definitions';
import { createBillingGateway } from '../../src/modules/billing/index';
import { loadConfig } from '../../src/config';
import { startQueue, stopQueue } from '../../src/jobs/queue';
import { listenForAuthChanges, stopListeningForAuthChanges } from '../../src/modules/auth/session-cache';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** TEST_DATABASE_URL when set, otherwise a throwaway embedded cluster (fsync off) removed at the end. */
export async function startTestDatabase(): Promise<{ url: string; embedded?: RunningPostgres }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dir: path.join(os.tmpdir(), `socrates-test-${process.pid}-${Date.now()}`, 'cluster'),
    port: await freePort(),
    database: 'socrates_test',
    ephemeral: true,
  });
  return { url: embedded.url, embedded };
}

/** Database, schema and job queue for a test run (server suite or browser suite); stop() undoes it all. */
export async function startTestStack(): Promise<{ url: string; stop(): Promise<void> }> {
  const { url, embedded } = await startTestDatabase();
  await migrateUp(await connectDatabase(url), { quiet: true });
  await listenForAuthChanges(url);
  defineJobs({ gateway: createBillingGateway(loadConfig({ NODE_ENV: 'test' })) });
  await startQueue(url, { work: true });
  return {
    url,
    stop: async () => {
      await stopQueue();
      await stopListeningForAuthChanges();
      await closeDatabase();
      await embedded?.stop();
    },
  };
}
