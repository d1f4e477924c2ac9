/**
 * PII scrubbing shared by the system log and the Sentry `beforeSend`/`beforeBreadcrumb` hooks. It walks the
 * *whole* value: e-mail addresses and keys leak through places a field list forgets (breadcrumbs'
 * `url.query`, stack frames' source lines and local variables, `extra`, contexts), so every string is
 * rewritten and every key that names a secret has its value dropped.
 */
export const FILTERED = '[Filtered]';

// Keys whose values are secrets whatever they hold (headers, cookies, form fields, local variables).
const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|session|\bsid\b|_sid$|csrf|xsrf|api[-_]?key|stripe[-_]signature|signature|credit|card[-_]?number|cvc|iban|^email$|e[-_]?mail/i;
// Keys the event needs intact (ids that look like tokens but are ours or Sentry's).
const KEEP_KEY = /^(event_id|trace_id|span_id|parent_span_id|sid|request_id|error_id|errorId|requestId|id|fingerprint|release|dist|environment|platform|level|logger|type|mechanism|filename|abs_path|module|function|lineno|colno|in_app|timestamp|start_timestamp|sdk|name|version)$/;

const STRING_RULES: Array<[RegExp, string]> = [
  // e-mail addresses (also URL-encoded: %40)
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // Stripe secret, publishable and restricted keys, webhook secrets, client secrets
  [/\b(?:sk|pk|rk)_(?:test|live)_[A-Za-z0-9]{6,}/g, '[stripe-key]'],
  [/\bwhsec_[A-Za-z0-9+/=]{6,}/g, '[stripe-key]'],
  [/\b(?:pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, '[stripe-key]'],
  // Stripe-Signature header values: t=…,v1=…
  [/\bt=\d{9,},(?:v\d+=[a-f0-9]{16,},?)+/g, '[stripe-signature]'],
  [/\bv[01]=[a-f0-9]{32,}/g, '[stripe-signature]'],
  // Authorization values
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [Filtered]'],
  // secrets in query strings, form bodies and log lines: token=…, password: …, sid=…
  [/\b([\w-]*(?:token|password|passwd|secret|signature|api[_-]?key|session|sid|reset))(["']?\s*[=:]\s*["']?)(?!\[)[^\s&"';,)]+/gi, `$1$2${FILTERED}`],
  // our session cookie by name
  [/\bsocrates_sid=[^;\s]+/g, `socrates_sid=${FILTERED}`],
  // reset links that carry the token in the path
  [/(reset-password\/)[A-Za-z0-9_-]{16,}/g, `$1${FILTERED}`],
];

/** A string with e-mail addresses, keys, signatures and tokens replaced. */
export function scrubString(s: string): string {
  let out = s;
  for (const [re, replacement] of STRING_RULES) out = out.replace(re, replacement);
  return out;
}

/** A deep copy of any JSON-like value with secrets replaced; cycles and very deep nesting are cut. */
export function scrubValue<T>(value: T, depth = 0, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return scrubString(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 20) return '[Truncated]' as T;
  if (seen.has(value)) return '[Circular]' as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen)) as T;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!KEEP_KEY.test(k) && SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '') out[k] = FILTERED;
    else out[k] = scrubValue(v, depth + 1, seen);
  }
  return out as T;
}

interface EventLike {
  user?: Record<string, unknown>;
  request?: { cookies?: unknown; headers?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

/**
 * A Sentry event (or breadcrumb, or any payload) fit to leave the building: the user is reduced to its id,
 * cookies are dropped, then everything is scrubbed recursively.
 */
export function scrubEvent<E extends object>(event: E): E {
  const copy = { ...event } as EventLike;
  if (copy.user) copy.user = copy.user.id ? { id: copy.user.id } : {};
  if (copy.request) {
    const request = { ...copy.request };
    delete request.cookies;
    if (request.headers) {
      const headers: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(request.headers)) {
        if (/^(cookie|set-cookie|authorization|proxy-authorization|stripe-signature|x-api-key|x-csrf-token)$/i.test(k)) continue;
        headers[k] = v;
      }
      request.headers = headers;
    }
    copy.request = request;
  }
  return scrubValue(copy) as E;
}
