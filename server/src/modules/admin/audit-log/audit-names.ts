import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';

interface Recorded {
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Recorded values that hold a user's id (a ticket's assignee, its customer). */
const USER_FIELDS = ['assigneeId', 'customerId', 'userId'];

/**
 * What each kind of target is called, read from its table as it is now: a user's name (or e-mail), a
 * ticket's number and subject, an invoice's number, a subscription's customer. One query per kind.
 */
const LABELS: Record<string, string> = {
  user: `SELECT id::text, coalesce(nullif(name, ''), email) AS label FROM users WHERE id = ANY($1::uuid[])`,
  support_ticket: `SELECT id::text, number || ' · ' || subject AS label FROM support_tickets WHERE id = ANY($1::uuid[])`,
  invoice: `SELECT id::text, number AS label FROM invoices WHERE id = ANY($1::uuid[])`,
  subscription: `SELECT s.id::text, coalesce(nullif(u.name, ''), u.email) AS label FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::uuid[])`,
};

const own = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;

/** The user ids an entry's recorded values hold (USER_FIELDS). */
function recordedUserIds(e: Recorded): string[] {
  return [e.before, e.after].flatMap((side) => USER_FIELDS.map((f) => own(side, f))).filter((v): v is string => typeof v === 'string' && UUID.test(v));
}

/**
 * Audit entries record ids; people read names. Each entry gets, as things are now:
 * - `targetLabel`: the target's name, or null when the target is gone or its kind has no name;
 * - `actorName`: the actor's name, or null (a system entry, a deleted actor, no name);
 * - `names`: the name of each user whose id the recorded values hold (a ticket's assignee), by id.
 * One query per kind of target, users' names included.
 */
export async function withAuditNames<T extends Recorded>(entries: T[]): Promise<Array<T & { targetLabel: string | null; actorName: string | null; names: Record<string, string> }>> {
  const ids = new Map<string, Set<string>>();
  const want = (type: string, id: string) => {
    let set = ids.get(type);
    if (!set) ids.set(type, (set = new Set()));
    set.add(id.toLowerCase());
  };
  for (const e of entries) {
    if (e.targetType && Object.hasOwn(LABELS, e.targetType) && e.targetId && UUID.test(e.targetId)) want(e.targetType, e.targetId);
    if (e.actorId) want('user', e.actorId);
    for (const id of recordedUserIds(e)) want('user', id);
  }
  const labels = new Map<string, string>();
  await Promise.all(
    [...ids].map(async ([type, set]) => {
      const rows = await db().query<{ id: string; label: string }>(LABELS[type], { bind: [[...set]], type: QueryTypes.SELECT });
      for (const r of rows) labels.set(`${type}:${r.id}`, r.label);
    }),
  );
  const label = (type: string, id: string | null) => (id ? (labels.get(`${type}:${id.toLowerCase()}`) ?? null) : null);
  return entries.map((e) => {
    const names: Record<string, string> = {};
    for (const id of recordedUserIds(e)) {
      const name = label('user', id);
      if (name) names[id] = name;
    }
    return { ...e, targetLabel: e.targetType ? label(e.targetType, e.targetId) : null, actorName: label('user', e.actorId), names };
  });
}
