import pg from 'pg';
import { clock } from '../../lib/clock';
import { logger } from '../../lib/logger';
import type { AuthContext } from '../../http/auth-context';

/**
 * Resolved sessions, kept in this process for a few seconds so that a burst of requests (a page that loads
 * five lists, a search box asking as one types) costs one session lookup instead of one each.
 *
 * Revocation stays immediate: the cache is used only while this process LISTENs on `auth_changed`, which the
 * database sends when a change to a session, its user, an admin role or a permission commits (triggers,
 * migration 0014), whichever process or tool made it; hearing it empties the cache. A change made through
 * this process's own API empties it before the response goes out (loadSession), so the caller's next
 * request never sees the old state. A lookup that was already running when the cache was emptied is not
 * kept (generation check). Without the listener (not started, connection lost) every request reads the
 * database, as it would without a cache.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

export interface CachedSession {
  auth: AuthContext;
  /** When the session itself expires (ms): a kept entry never outlives it. */
  sessionExpiresAt: number;
  /** The last activity written for this session (ms), for the once-a-minute touch. */
  lastSeenAt: number;
}

const entries = new Map<string, CachedSession & { keptUntil: number }>();
let generation = 0;
let listening = false;
let listener: pg.Client | undefined;
let stopped = true;
// One warning per outage, not one per reconnect attempt.
let warned = false;

export function cachedSession(tokenHash: string): CachedSession | undefined {
  if (!listening) return undefined;
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  const now = clock.now().getTime();
  if (entry.keptUntil <= now || entry.sessionExpiresAt <= now) {
    entries.delete(tokenHash);
    return undefined;
  }
  return entry;
}

/** Read before looking a session up; pass it to keepSession so a lookup that raced a change is not kept. */
export function sessionCacheGeneration(): number {
  return generation;
}

export function keepSession(tokenHash: string, readAtGeneration: number, session: CachedSession): void {
  if (!listening || readAtGeneration !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { ...session, keptUntil: clock.now().getTime() + TTL_MS });
}

export function forgetSessions(): void {
  generation++;
  entries.clear();
}

/** Starts listening for auth changes on its own connection (reconnecting when it drops); the cache works while it listens. */
export async function listenForAuthChanges(url: string): Promise<void> {
  stopped = false;
  await connectListener(url);
}

async function connectListener(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'socrates-auth-listener' });
  const lost = (err?: Error) => {
    if (listener !== client) return;
    listening = false;
    listener = undefined;
    forgetSessions();
    client.end().catch(() => undefined);
    if (stopped) return;
    if (!warned) logger.warn({ err }, 'auth change listener lost; sessions are read from the database until it is back');
    warned = true;
    setTimeout(() => void connectListener(url).catch(() => undefined), RECONNECT_MS).unref();
  };
  listener = client;
  client.on('error', lost);
  client.on('end', () => lost());
  client.on('notification', forgetSessions);
  try {
    await client.connect();
    await client.query('LISTEN auth_changed');
  } catch (err) {
    lost(err as Error);
    return;
  }
  if (listener !== client) return;
  forgetSessions();
  listening = true;
  if (warned) logger.info('auth change listener back; resolved sessions are kept again');
  warned = false;
}

export async function stopListeningForAuthChanges(): Promise<void> {
  stopped = true;
  const client = listener;
  listener = undefined;
  listening = false;
  forgetSessions();
  await client?.end().catch(() => undefined);
}
