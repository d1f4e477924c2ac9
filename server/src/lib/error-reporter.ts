import { logger } from './logger';

/**
 * Where unexpected errors go. The foundation logs them; error tracking (system log, Sentry) plugs
 * in here through setErrorReporter so every caller keeps calling reportError.
 */
export type ErrorReporter = (err: unknown, context: Record<string, unknown>) => void;

let reporter: ErrorReporter = (err, context) => logger.error({ err, ...context }, 'error reported');

export function setErrorReporter(r: ErrorReporter): void {
  reporter = r;
}

export function reportError(err: unknown, context: Record<string, unknown> = {}): void {
  try {
    reporter(err, context);
  } catch (e) {
    logger.error({ err: e }, 'error reporter failed');
  }
}
