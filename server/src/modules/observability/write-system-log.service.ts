import { SystemLog, type LogLevel } from './observability.models';
import { scrubString, scrubValue } from './scrub';
import { clock } from '../../lib/clock';

export interface SystemLogEntry {
  level: LogLevel;
  /** What wrote it: api, jobs, billing, search, mail, browser, … */
  component: string;
  message: string;
  context?: Record<string, unknown>;
  stack?: string | null;
  requestId?: string | null;
  userId?: string | null;
}

const MAX_MESSAGE = 2_000;
const MAX_STACK = 16_000;

/** Writes one line to the system log (scrubbed of personal data and secrets); any module may call it. */
export async function writeSystemLog(entry: SystemLogEntry): Promise<SystemLog> {
  return SystemLog.create({
    level: entry.level,
    component: entry.component.slice(0, 100),
    message: scrubString(entry.message).slice(0, MAX_MESSAGE),
    context: scrubValue(entry.context ?? {}),
    stack: entry.stack ? scrubString(entry.stack).slice(0, MAX_STACK) : null,
    fingerprint: null,
    errorGroupId: null,
    requestId: entry.requestId ?? null,
    userId: entry.userId ?? null,
    sentryEventId: null,
    createdAt: clock.now(),
  });
}

export { MAX_MESSAGE, MAX_STACK };
