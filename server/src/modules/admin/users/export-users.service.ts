import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { db } from '../../../db/sequelize';
import { parseListQuery } from '../../../http/list-query';
import { clock } from '../../../lib/clock';
import { audit, type AuditActor } from '../audit';
import { listUsersPage, usersListSpec } from './list-users.service';

const BATCH = 500;
const COLUMNS = ['id', 'name', 'email', 'status', 'role', 'tier', 'projectCount', 'createdAt', 'lastActiveAt'] as const;

/**
 * Streams the users matching the list's filters as CSV, page by page, so memory stays flat however many
 * rows match. The export itself is audited (it carries personal data out of the system).
 */
export async function exportUsersCsv(actor: AuditActor, query: Record<string, unknown>, res: Response): Promise<void> {
  const { _start: _s, _end: _e, ...filters } = query;
  const lq = parseListQuery({ ...filters, _start: 0, _end: BATCH }, { ...usersListSpec, maxPageSize: BATCH });
  await db().transaction((transaction) => audit(actor, { action: 'users.exported', targetType: 'user', targetId: null, after: { filters } }, transaction));

  const stamp = clock.now().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="users-${stamp}.csv"`);
  const csv = stringify({ header: true, columns: [...COLUMNS], cast: { string: neutralizeFormula } });
  csv.pipe(res);
  try {
    for (let offset = 0; ; offset += BATCH) {
      const page = await listUsersPage({ ...lq, offset, limit: BATCH });
      for (const row of page.rows) {
        // Respect back-pressure: wait for the socket to drain before producing more.
        if (res.destroyed) break;
        if (!csv.write(row)) await drained(csv, res);
      }
      if (page.rows.length < BATCH || res.destroyed) break;
    }
  } finally {
    csv.end();
  }
}

/** A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it so it stays text. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Waits until the CSV stream may take more, or the client went away (then the caller stops). */
export async function drained(csv: NodeJS.EventEmitter, res: NodeJS.EventEmitter): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([once(csv, 'drain', { signal: ac.signal }), once(res, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort(); // drops the listener that lost the race
  }
}
