import { loadConfig, loadDotEnv } from '../../config';
import { resolveDatabase } from '../../db/bootstrap';
import { closeDatabase, connectDatabase } from '../../db/sequelize';
import { migrateUp } from '../../db/migrator';
import { configureSearch } from './registry';
import { runReindex, startReindexRun } from './reindex.service';

/** `npm run search:reindex`: rebuilds the configured engine's index from the database, printing progress. */
loadDotEnv();
const config = loadConfig();
const target = await resolveDatabase(config);
let failed = false;
try {
  await migrateUp(await connectDatabase(target.url), { quiet: true });
  const engine = configureSearch(config);
  const run = await startReindexRun(null, engine);
  const started = performance.now();
  console.log(`search: rebuilding the ${engine.name} index from ${run.total} rows…`);
  let last = 0;
  const finished = await runReindex(run.id, engine, (done) => {
    if (done - last >= 10_000 || done === run.total) {
      last = done;
      console.log(`  ${done} / ${run.total} (${Math.round((done / Math.max(1, run.total)) * 100)}%)`);
    }
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (finished.status === 'succeeded') console.log(`search: ${finished.done} documents indexed in ${seconds} s`);
  else {
    failed = true;
    console.error(`search: rebuild failed after ${finished.done} documents: ${finished.error}`);
  }
} finally {
  await closeDatabase();
  await target.embedded?.stop();
}
if (failed) process.exitCode = 1;
