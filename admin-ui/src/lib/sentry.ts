/**
 * Error tracking in the browser. Errors always reach the server's grouped log (POST /api/client-errors),
 * which answers the id the error screen shows; when the server's runtime config names a browser DSN,
 * @sentry/react is loaded too (not bundled into the entry, not baked into the build) and sends through
 * the same-origin tunnel so ad-blockers do not drop the events.
 */
type SentryModule = typeof import("@sentry/react");

const APP = "admin" as const;

interface RuntimeConfig {
  environment: string;
  release: string;
  sentryDsn: string | null;
}

interface ReportingConfig {
  tunnel: string | null;
  tracesSampleRate: number;
  replaysSessionSampleRate: number;
  replaysOnErrorSampleRate: number;
  crashTestEnabled: boolean;
}

export interface ErrorReport {
  /** The id to quote to support: the stored event's, or Sentry's when the server could not be reached. */
  errorId: string | null;
  sentryEventId: string | null;
}

let sentry: SentryModule | null = null;
let runtime: RuntimeConfig | null = null;
let reporting: ReportingConfig | null = null;
let started: Promise<void> | null = null;

const getJson = async <T>(url: string): Promise<T | null> => {
  try {
    const res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
};

// The same rules as the server's scrubber, for what leaves the browser: addresses, keys, tokens.
const SCRUB: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
  [/\b(?:sk|pk|rk)_(?:test|live)_[A-Za-z0-9]{6,}/g, "[stripe-key]"],
  [/\bwhsec_[A-Za-z0-9+/=]{6,}/g, "[stripe-key]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [Filtered]"],
  [/\b([\w-]*(?:token|password|secret|signature|api[_-]?key|session|sid))(["']?\s*[=:]\s*["']?)(?!\[)[^\s&"';,)]+/gi, "$1$2[Filtered]"],
];
const SECRET_KEY = /pass(word)?|secret|token|authori[sz]ation|cookie|session|csrf|api[-_]?key|signature|e[-_]?mail/i;
const KEEP_KEY = /^(event_id|trace_id|span_id|parent_span_id|sid|id|type|filename|function|abs_path|module)$/;

export function scrubText(s: string): string {
  return SCRUB.reduce((out, [re, to]) => out.replace(re, to), s);
}

export function scrub<T>(value: T, depth = 0): T {
  if (typeof value === "string") return scrubText(value) as T;
  if (!value || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = !KEEP_KEY.test(k) && SECRET_KEY.test(k) && v ? "[Filtered]" : scrub(v, depth + 1);
  }
  return out as T;
}

/** Reads the runtime config once and starts Sentry when a browser DSN is configured. Safe to call twice. */
export function initErrorTracking(): Promise<void> {
  started ??= (async () => {
    [runtime, reporting] = await Promise.all([getJson<RuntimeConfig>("/api/config"), getJson<ReportingConfig>("/api/client-errors/config")]);
    installGlobalHandlers();
    if (!runtime?.sentryDsn) return;
    const Sentry = await import("@sentry/react");
    const replay = (reporting?.replaysSessionSampleRate ?? 0) > 0 || (reporting?.replaysOnErrorSampleRate ?? 0) > 0;
    Sentry.init({
      dsn: runtime.sentryDsn,
      environment: runtime.environment,
      release: runtime.release,
      tunnel: reporting?.tunnel ?? undefined,
      // history (route change) breadcrumbs are on by default; replays only when a rate is set
      integrations: replay ? [Sentry.replayIntegration({ maskAllText: true, blockAllMedia: true })] : [],
      replaysSessionSampleRate: reporting?.replaysSessionSampleRate ?? 0,
      replaysOnErrorSampleRate: reporting?.replaysOnErrorSampleRate ?? 0,
      beforeSend: (event) => {
        if (event.user) event.user = event.user.id ? { id: event.user.id } : {};
        return scrub(event);
      },
      beforeBreadcrumb: (crumb) => scrub(crumb),
    });
    Sentry.setTag("app", APP);
    sentry = Sentry;
    // Events carry the signed-in user's id only (never e-mail or name); user null before sign-in.
    const me = await getJson<{ user?: { id?: string } | null }>("/api/auth/session");
    setErrorTrackingUser(me?.user?.id ?? null);
  })();
  return started;
}

/** Whether `?__crash=render` may break a page on purpose (never in production). */
export function crashTestEnabled(): boolean {
  return !!reporting?.crashTestEnabled && runtime?.environment !== "production";
}

/** Ties Sentry events to the signed-in user's id (never their e-mail). */
export function setErrorTrackingUser(id: string | null): void {
  sentry?.setUser(id ? { id } : null);
}

/**
 * Reports an error to Sentry (when on) and to the server's log; resolves with the id to show. Never
 * throws: an error screen must not fail because reporting did.
 */
export async function reportError(error: unknown, extra: { componentStack?: string | null } = {}): Promise<ErrorReport> {
  await initErrorTracking().catch(() => undefined);
  const err = error instanceof Error ? error : new Error(String(error));
  let sentryEventId: string | null = null;
  try {
    sentryEventId = sentry ? sentry.captureException(err, { contexts: { react: { componentStack: extra.componentStack ?? "" } } }) : null;
  } catch {
    sentryEventId = null;
  }
  try {
    const res = await fetch("/api/client-errors", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        app: APP,
        type: (err.name || "Error").slice(0, 200),
        message: scrubText(err.message || String(err)).slice(0, 2000) || "(no message)",
        stack: err.stack ? scrubText(err.stack).slice(0, 16_000) : undefined,
        componentStack: extra.componentStack ? extra.componentStack.slice(0, 8_000) : undefined,
        url: scrubText(window.location.href).slice(0, 2000),
        userAgent: navigator.userAgent.slice(0, 500),
        release: runtime?.release?.slice(0, 200),
        ...(sentryEventId && /^[0-9a-f]{32}$/i.test(sentryEventId) ? { sentryEventId } : {}),
      }),
    });
    if (res.ok) {
      const body = (await res.json()) as { errorId: string };
      return { errorId: body.errorId, sentryEventId };
    }
  } catch {
    /* offline or the server is down: Sentry's id (if any) is all there is */
  }
  return { errorId: sentryEventId, sentryEventId };
}

let globalReports = 0;
// A failing timer or listener can fire hundreds of times; a handful per page load says enough.
const MAX_GLOBAL_REPORTS = 5;

function installGlobalHandlers(): void {
  if (typeof window === "undefined" || (window as { __errorTrackingInstalled?: boolean }).__errorTrackingInstalled) return;
  (window as { __errorTrackingInstalled?: boolean }).__errorTrackingInstalled = true;
  const report = (error: unknown) => {
    // With Sentry on, its own global handlers send these; the local log takes them only when it is off.
    if (sentry || globalReports >= MAX_GLOBAL_REPORTS) return;
    globalReports += 1;
    void reportError(error);
  };
  window.addEventListener("error", (e) => report(e.error ?? new Error(e.message)));
  window.addEventListener("unhandledrejection", (e) => report(e.reason));
}
