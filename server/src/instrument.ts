/**
 * Loaded before anything else (`node --import tsx --import ./src/instrument.ts src/main.ts`) so that
 * @sentry/node is initialised before Express and the HTTP modules are imported and can be instrumented.
 * Without SENTRY_DSN it does nothing: errors are still grouped in the system log.
 */
import { loadConfig, loadDotEnv } from './config';
import { initSentry } from './modules/observability/sentry';

try {
  loadDotEnv();
  const config = loadConfig();
  initSentry({ dsn: config.SENTRY_DSN, environment: config.NODE_ENV, release: config.RELEASE, tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE });
} catch {
  // A bad setting is reported by main.ts with its name; start-up must not die here first.
}
