/**
 * `npm run analytics:backfill [-- --from YYYY-MM-DD --to YYYY-MM-DD]`: rebuilds the analytics rollups
 * (docs/analytics.md). Connects like the server does (DATABASE_URL or the embedded database) and applies
 * pending migrations first.
 */
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../../config';
import { resolveDatabase } from '../../db/bootstrap';
import { closeDatabase, connectDatabase } from '../../db/sequelize';
import { migrateUp } from '../../db/migrator';
import { backfillAnalytics } from './services/backfill.service';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
for (const [k, v] of Object.entries(values)) {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    console.error(`--${k} must be a date like 2026-01-31`);
    process.exit(2);
  }
}
loadDotEnv();
const target = await resolveDatabase(loadConfig());
try {
  await migrateUp(await connectDatabase(target.url), { quiet: true });
  const result = await backfillAnalytics({ from: values.from, to: values.to });
  console.log(`analytics backfill: ${result.days} days from ${result.from} to ${result.to} in ${result.ms} ms` + (result.partitionsCreated.length ? `; partitions created: ${result.partitionsCreated.join(', ')}` : ''));
} finally {
  await closeDatabase();
  await target.embedded?.stop();
}
