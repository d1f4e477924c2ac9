/**
 * `npm run seed`                      demo data on an empty database (never with NODE_ENV=production)
 * `npm run seed:scale -- --users N [--projects-per-user K] [--analyses-per-project M] [--append]`
 *                                     bulk synthetic data through COPY, for load tests
 *
 * Uses the same database as the app: DATABASE_URL, or the embedded cluster under DATA_DIR.
 */

import { ConfigError, loadConfig, loadDotEnv } from '../server/src/config';
import type { DatabaseTarget } from '../server/src/db/bootstrap';

const USAGE = `Usage:
  seed demo
  seed scale --users N [--projects-per-user K] [--analyses-per-project M] [--append]`;

function parseArgs(argv: string[]): { command: string; flags: Map<string, string | true> } {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) flags.set(name, rest[++i]);
    else flags.set(name, true);
  }
  return { command, flags };
}

class UsageError extends Error {}

function intFlag(flags: Map<string, string | true>, name: string, opts: { required?: boolean; min?: number } = {}): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) {
    if (opts.required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  const n = Number(String(raw).replace(/_/g, ''));
  if (raw === true || !Number.isInteger(n) || n < (opts.min ?? 0)) throw new UsageError(`--${name} must be an integer ≥ ${opts.min ?? 0}`);
  return n;
}

async function main(): Promise<number> {
  loadDotEnv();
  const { command, flags } = parseArgs(process.argv.slice(2));
  if (command !== 'demo' && command !== 'scale') throw new UsageError(command ? `Unknown command "${command}"` : 'Missing command');
  const known = command === 'demo' ? [] : ['users', 'projects-per-user', 'analyses-per-project', 'append'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new UsageError(`Unknown option --${name}`);
  const scaleOpts =
    command === 'scale'
      ? {
          users: intFlag(flags, 'users', { required: true, min: 1 })!,
          projectsPerUser: intFlag(flags, 'projects-per-user'),
          analysesPerProject: intFlag(flags, 'analyses-per-project'),
          append: flags.get('append') === true || flags.get('append') === 'true',
        }
      : undefined;

  if (command === 'demo' && process.env.NODE_ENV === 'production') {
    console.log('NODE_ENV=production: demo data is never seeded in production.');
    return 0;
  }
  const config = loadConfig();
  // The modules below read LOG_LEVEL when they load; import them after the environment is settled.
  const { resolveDatabase } = await import('../server/src/db/bootstrap');
  const { closeDatabase, connectDatabase } = await import('../server/src/db/sequelize');
  const { migrateUp } = await import('../server/src/db/migrator');

  let target: DatabaseTarget | undefined;
  try {
    target = await resolveDatabase(config);
    const sequelize = await connectDatabase(target.url, { poolMax: config.DB_POOL_MAX });
    await migrateUp(sequelize, { quiet: true });

    if (command === 'demo') {
      const { seedDemo } = await import('./demo');
      const started = performance.now();
      const counts = await seedDemo();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (counts) {
        console.log(
          `Seeded demo data in ${seconds} s: ${counts.users} users (${counts.adminUsers} staff), ${counts.projects} projects, ` +
            `${counts.snippets} snippets, ${counts.analyses} analyses, ${counts.intakes} intakes, ${counts.searches} searches.\n` +
            'Demo logins (password: socrates-demo): ops@, billing@, support@, analyst@, customer@, free@example.com',
        );
      } else {
        console.log('The database already has users: demo data not seeded (nothing changed).');
      }
    } else {
      const { seedScale } = await import('./scale');
      await closeDatabase(); // the scale seeder uses its own pg connection
      await seedScale(target.url, { ...scaleOpts!, log: (s) => console.log(s) });
    }
    return 0;
  } finally {
    await closeDatabase().catch(() => undefined);
    await target?.embedded?.stop().catch((err: unknown) => console.error('Stopping embedded PostgreSQL failed:', err));
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof ConfigError || (err instanceof Error && err.name === 'SeedScaleRefused')) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
