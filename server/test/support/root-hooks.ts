import { connectDatabase, closeDatabase } from '../../src/db/sequelize';
import { migrateUp } from '../../src/db/migrator';
import { defineJobs } from '../../src/jobs/definitions';
import { startQueue, stopQueue } from '../../src/jobs/queue';
import { clock } from '../../src/lib/clock';
import { startTestDatabase } from './database';

let stopDb: (() => Promise<void>) | undefined;

/** One database and job queue for the whole server suite; files reset the tables they use. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    const { url, embedded } = await startTestDatabase();
    stopDb = embedded ? () => embedded.stop() : undefined;
    const sequelize = await connectDatabase(url);
    await migrateUp(sequelize, { quiet: true });
    defineJobs();
    await startQueue(url, { work: true });
  },
  afterEach() {
    clock.reset();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopQueue();
    await closeDatabase();
    await stopDb?.();
  },
};
