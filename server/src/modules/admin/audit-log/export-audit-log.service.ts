import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { paginate, parseListQuery } from '../../../http/list-query';
import { clock } from '../../../lib/clock';
import { AuditLog } from '../admin.models';
import { presentAudit } from '../audit.presenter';
import { drained, neutralizeFormula } from '../users/export-users.service';
import { auditLogListSpec } from './list-audit-log.service';

const BATCH = 500;

/** Streams the audit entries matching the list's filters as CSV (before/after as JSON, with the chain hashes). */
export async function exportAuditLogCsv(query: Record<string, unknown>, res: Response): Promise<void> {
  const { _start: _s, _end: _e, ...filters } = query;
  const lq = parseListQuery({ ...filters, _start: 0, _end: BATCH }, { ...auditLogListSpec, maxPageSize: BATCH });
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="audit-log-${clock.now().toISOString().slice(0, 10)}.csv"`);
  const csv = stringify({ header: true, columns: ['createdAt', 'actorEmail', 'actorId', 'action', 'targetType', 'targetId', 'before', 'after', 'ip', 'userAgent', 'id', 'seq', 'prevHash', 'hash'], cast: { string: neutralizeFormula } });
  csv.pipe(res);
  try {
    for (let offset = 0; ; offset += BATCH) {
      const page = await paginate(AuditLog, { ...lq, offset, limit: BATCH });
      for (const r of page.rows) {
        const row = { ...presentAudit(r), before: r.before == null ? '' : JSON.stringify(r.before), after: r.after == null ? '' : JSON.stringify(r.after), seq: String(r.seq), prevHash: r.prevHash ?? '', hash: r.hash };
        if (res.destroyed) break;
        if (!csv.write(row)) await drained(csv, res);
      }
      if (page.rows.length < BATCH || res.destroyed) break;
    }
  } finally {
    csv.end();
  }
}
