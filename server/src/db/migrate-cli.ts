import { loadConfig, loadDotEnv } from '../config';
import { logger } from '../lib/logger';
import { resolveDatabase } from './bootstrap';
import { closeDatabase, connectDatabase } from './sequelize';
import { createMigrator, migrateUp } from './migrator';

/** `npm run migrate` (all pending) and `npm run migrate:down` (the last one, or `-- --to NAME` / `--all`). */
const [direction = 'up', ...args] = process.argv.slice(2);
loadDotEnv();
const config = loadConfig();
const target = await resolveDatabase(config);
try {
  const sequelize = await connectDatabase(target.url);
  if (direction === 'up') {
    await migrateUp(sequelize);
  } else if (direction === 'down') {
    const to = args.includes('--all') ? 0 : args[args.indexOf('--to') + 1];
    await createMigrator(sequelize).down(args.includes('--all') || args.includes('--to') ? { to: to as 0 | string } : undefined);
  } else {
    throw new Error(`Unknown direction "${direction}": use up or down`);
  }
  const executed = await createMigrator(sequelize, { quiet: true }).executed();
  logger.info({ applied: executed.map((m) => m.name) }, 'migrations');
} finally {
  await closeDatabase();
  await target.embedded?.stop();
}
