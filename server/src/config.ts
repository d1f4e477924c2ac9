import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root (server/src/../..), so relative paths mean the same from every workspace. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().url().optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalUrl,
  RELEASE: z.string().default('dev'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalUrl,
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  RUN_WORKERS: bool.default(true),
  SEED_DEMO: bool.default(true),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  JSON_BODY_LIMIT: z.string().default('200kb'),
  SNIPPET_MAX_BYTES: z.coerce.number().int().min(1024).default(100 * 1024),
  RATE_LIMIT_LOGIN_PER_15_MIN: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: bool.default(false),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Socrates <no-reply@socrates.local>'),
  MAINTENANCE_MESSAGE: z.string().optional(),
  // Bearer token a Prometheus scraper sends to GET /metrics; unset, /metrics answers 404.
  METRICS_TOKEN: z.string().min(16, 'Use at least 16 characters').optional(),
  SENTRY_DSN: optionalUrl,
  SENTRY_BROWSER_DSN: optionalUrl,
  // Share of requests traced for performance (0 = errors only); replays in the browser are off unless set.
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  SENTRY_REPLAY_SESSION_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0),
  SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  // Only to point the Stripe SDK at a local emulator (tests, demos without a Stripe account).
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  // Search: Meilisearch when set, PostgreSQL full-text search otherwise.
  MEILI_HOST: optionalUrl,
  MEILI_API_KEY: z.string().optional(),
});

export type Config = z.infer<typeof schema> & { publicUrl: string; dataDir: string };

export class ConfigError extends Error {}

/** Parses the environment once; a bad setting throws a ConfigError naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    dataDir: path.resolve(ROOT_DIR, c.DATA_DIR),
  };
}

/** Loads the repository's .env into process.env when there is one (already-set variables win). */
export function loadDotEnv(): void {
  const file = path.join(ROOT_DIR, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
