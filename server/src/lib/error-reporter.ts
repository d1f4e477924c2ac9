import { randomUUID } from 'node:crypto';
import { logger } from './logger';
import { describeError, recordError } from '../modules/observability/record-error.service';
import { captureInSentry } from '../modules/observability/sentry';

/** What is known about where an error happened; everything but the named fields is stored as context. */
export interface ErrorContext {
  /** The id quoted to the user; generated when absent. */
  errorId?: string;
  /** api (a request), job, browser, process */
  component?: string;
  requestId?: string | null;
  userId?: string | null;
  /** Set when Sentry's Express handler already captured the error. */
  sentryEventId?: string | null;
  /** false for errors Sentry gets another way (the browser SDK sends browser errors itself). */
  sendToSentry?: boolean;
  [key: string]: unknown;
}

export interface ErrorReport {
  errorId: string;
  sentryEventId: string | null;
}

/** A replacement for the reporter (tests that only want to see what is reported). */
export type ErrorReporter = (err: unknown, context: ErrorContext & { errorId: string }) => void;

let override: ErrorReporter | null = null;

export function setErrorReporter(r: ErrorReporter | null): void {
  override = r;
}

// A 500 waits for its event to be stored so the quoted id exists; a database in trouble must not hold it long.
const STORE_WAIT_MS = 2_000;

/**
 * Reports an unexpected error everywhere it goes — the log, Sentry when configured, and the grouped
 * system log — and resolves once it is stored (or after a short wait), with the ids to quote.
 */
export async function captureError(err: unknown, context: ErrorContext = {}): Promise<ErrorReport> {
  const { errorId = randomUUID(), component = 'api', requestId = null, userId = null, sentryEventId: given = null, sendToSentry = true, ...details } = context;
  if (override) {
    try {
      override(err, { ...context, errorId });
    } catch (e) {
      logger.error({ err: e }, 'error reporter failed');
    }
    return { errorId, sentryEventId: given };
  }
  logger.error({ err, errorId, component, requestId }, 'unexpected error');
  let sentryEventId = given;
  try {
    if (sendToSentry) sentryEventId ??= captureInSentry(err, { errorId, requestId, userId, component, extra: details });
  } catch (e) {
    logger.error({ err: e }, 'sending an error to Sentry failed');
  }
  const stored = recordError({ id: errorId, ...describeError(err), component, context: details, requestId, userId, sentryEventId }).catch((e: unknown) => {
    logger.error({ err: e, errorId }, 'storing an error in the system log failed');
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stored, new Promise((resolve) => (timer = setTimeout(resolve, STORE_WAIT_MS)))]);
  clearTimeout(timer);
  return { errorId, sentryEventId };
}

/** Fire-and-forget form of captureError for callers that cannot wait. */
export function reportError(err: unknown, context: ErrorContext = {}): void {
  void captureError(err, context);
}
