import type { InferAttributes } from 'sequelize';
import type { ErrorGroup, SystemLog } from './observability.models';

type GroupRow = Omit<InferAttributes<ErrorGroup>, 'lastStack' | 'lastContext'> & Partial<Pick<InferAttributes<ErrorGroup>, 'lastStack' | 'lastContext'>>;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** An error group as the console sees it. */
export function presentGroup(g: GroupRow) {
  return {
    id: g.id,
    fingerprint: g.fingerprint,
    component: g.component,
    errorType: g.errorType,
    message: g.message,
    status: g.status,
    regressed: g.regressed,
    regressedAt: iso(g.regressedAt),
    eventCount: g.eventCount,
    userCount: g.userCount,
    firstSeenAt: iso(g.firstSeenAt)!,
    lastSeenAt: iso(g.lastSeenAt)!,
    lastEventId: g.lastEventId,
    resolvedAt: iso(g.resolvedAt),
    resolvedBy: g.resolvedBy,
    ...(g.lastStack !== undefined ? { lastStack: g.lastStack, lastContext: g.lastContext ?? {} } : {}),
  };
}

/** A system log line (or an error event). */
export function presentLog(l: InferAttributes<SystemLog>) {
  return {
    id: l.id,
    level: l.level,
    component: l.component,
    message: l.message,
    context: l.context,
    stack: l.stack,
    fingerprint: l.fingerprint,
    errorGroupId: l.errorGroupId,
    requestId: l.requestId,
    userId: l.userId,
    sentryEventId: l.sentryEventId,
    createdAt: iso(l.createdAt)!,
  };
}
