import fs from 'node:fs';
import path from 'node:path';
import * as Sentry from '@sentry/node';
import { ROOT_DIR } from '../../config';
import { scrubEvent, scrubValue } from './scrub';

export interface SentrySettings {
  dsn: string | undefined;
  environment: string;
  /** RELEASE when set explicitly; otherwise package version + git sha. */
  release: string | undefined;
  tracesSampleRate: number;
}

/** `socrates-ops@0.1.0+abc1234`: the package version plus the commit, when a checkout or CI says which. */
export function releaseName(explicit?: string): string {
  if (explicit && explicit !== 'dev') return explicit;
  let version = '0.0.0';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
  } catch {
    /* no root package.json: keep 0.0.0 */
  }
  const sha = process.env.GIT_SHA ?? process.env.SOURCE_VERSION ?? process.env.GITHUB_SHA ?? gitHead();
  return `socrates-ops@${version}${sha ? `+${sha.slice(0, 12)}` : ''}`;
}

function gitHead(): string | undefined {
  // Read .git directly: no child process at start-up, and no git binary needed.
  try {
    const gitDir = path.join(ROOT_DIR, '.git');
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = path.join(gitDir, ref);
    if (fs.existsSync(loose)) return fs.readFileSync(loose, 'utf8').trim();
    const packed = fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
    return packed.split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0];
  } catch {
    return undefined;
  }
}

/**
 * Initialises @sentry/node when a DSN is set (called by src/instrument.ts, before Express is imported).
 * tracesSampleRate 0 means errors only: tracing is then left off entirely rather than sampled at 0.
 * Every event, transaction and breadcrumb is scrubbed before it leaves the process.
 */
export function initSentry(settings: SentrySettings): boolean {
  if (!settings.dsn || Sentry.isInitialized()) return Sentry.isInitialized();
  const tracing = settings.tracesSampleRate > 0;
  Sentry.init({
    dsn: settings.dsn,
    environment: settings.environment,
    release: releaseName(settings.release),
    ...(tracing ? { tracesSampleRate: settings.tracesSampleRate } : {}),
    // v11 collects user info, cookies, headers and bodies unless told otherwise: collect the least, scrub the rest.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { deny: ['cookie', 'authorization', 'proxy-authorization', 'stripe-signature', 'x-api-key', 'x-csrf-token'] }, response: false },
      httpBodies: [],
      urlQueryParams: true,
      databaseQueryData: false,
      queues: false,
    },
    includeLocalVariables: false,
    maxBreadcrumbs: 50,
    // v11's Express integration captures at the throw site, before any middleware has run: too early for the
    // errorId we quote, and it would capture again beside our handler. Our error handler captures instead
    // (captureInSentry), with the error id, request id and user id, and learns the exact Sentry event id.
    // Errors only (rate 0): no Express layer instrumentation and no HTTP spans at all, so a request pays
    // for little more than its isolation scope (the overhead budget is 10 % of throughput). No request-mode
    // release-health sessions and no request-body capture either: both cost every request, and bodies are
    // not collected anyway (dataCollection.httpBodies).
    ...(tracing
      ? { integrations: [Sentry.expressIntegration({ shouldHandleError: () => false })] }
      : { integrations: (defaults) => [...defaults.filter((i) => i.name !== 'Express'), Sentry.httpIntegration({ spans: false, sessions: false, maxRequestBodySize: 'none' })], enableRuntimeChannelInjection: false }),
    beforeSend: (event) => scrubEvent(event),
    beforeSendSpan: (span) => scrubValue(span),
    beforeBreadcrumb: (crumb) => scrubValue(crumb),
  });
  return true;
}

export function sentryEnabled(): boolean {
  return Sentry.isInitialized();
}

export interface SentryContext {
  errorId: string;
  requestId?: string | null;
  userId?: string | null;
  component: string;
  extra?: Record<string, unknown>;
}

/** Sends an error that did not come through Express (jobs, browser reports, process events); its event id. */
export function captureInSentry(err: unknown, ctx: SentryContext): string | null {
  if (!Sentry.isInitialized()) return null;
  return Sentry.withScope((scope) => {
    scope.setTag('error_id', ctx.errorId);
    scope.setTag('component', ctx.component);
    if (ctx.requestId) scope.setTag('request_id', ctx.requestId);
    if (ctx.userId) scope.setUser({ id: ctx.userId });
    if (ctx.extra) scope.setContext('details', ctx.extra);
    return Sentry.captureException(err);
  });
}

/** Waits until queued events are sent (tests, shutdown). */
export async function flushSentry(timeoutMs = 2000): Promise<boolean> {
  return Sentry.isInitialized() ? Sentry.flush(timeoutMs) : true;
}
