import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';

interface Targeted {
  targetType: string | null;
  targetId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/**
 * Audit entries record only the target's id; people read names. Each entry gets `targetLabel`: the
 * target's name as it is now, or null when the target is gone or its kind has no name.
 */
export async function withTargetLabels<T extends Targeted>(entries: T[]): Promise<Array<T & { targetLabel: string | null }>> {
  const key = (e: Targeted) => `${e.targetType}:${e.targetId?.toLowerCase()}`;
  const named = entries.filter((e) => e.targetType && Object.hasOwn(LABELS, e.targetType) && e.targetId && UUID.test(e.targetId));
  const labels = new Map<string, string>();
  await Promise.all(
    [...new Set(named.map((e) => e.targetType!))].map(async (type) => {
      const ids = [...new Set(named.filter((e) => e.targetType === type).map((e) => e.targetId!.toLowerCase()))];
      const rows = await db().query<{ id: string; label: string }>(LABELS[type], { bind: [ids], type: QueryTypes.SELECT });
      for (const r of rows) labels.set(`${type}:${r.id}`, r.label);
    }),
  );
  return entries.map((e) => ({ ...e, targetLabel: labels.get(key(e)) ?? null }));
}
