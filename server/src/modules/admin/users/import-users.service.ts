import { QueryTypes, type Transaction } from 'sequelize';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { newToken } from '../../../lib/tokens';
import { logger } from '../../../lib/logger';
import { enqueueJob } from '../../../jobs/queue';
import { onUserRegistered } from '../../auth/registration-hooks';
import { User } from '../../users/user.models';
import { audit, type AuditActor } from '../audit';

export const USER_IMPORT_JOB = 'admin.user-import';
export const IMPORT_MAX_ROWS = 10_000;

export interface ImportRowError {
  /** 1-based line of the data row (the header is line 1, so the first row is line 2). */
  line: number;
  email: string | null;
  reason: string;
}

export interface UserImportView {
  id: string;
  filename: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  createdCount: number;
  errorCount: number;
  errors: ImportRowError[];
  failure: string | null;
  actorEmail: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const rowSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(120, 'name is longer than 120 characters'),
  email: z.string().trim().toLowerCase().max(254, 'email is too long').email('email is not a valid address'),
});

type CsvRow = Record<string, string>;

function parseCsv(csv: string): CsvRow[] {
  try {
    return parse(csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as CsvRow[];
  } catch (err) {
    throw AppError.badRequest('invalid_csv', `This file is not valid CSV: ${(err as Error).message}`);
  }
}

/** Checks the file's shape, stores it and queues the import job (in one transaction with the audit row). */
export async function startUserImport(actor: AuditActor, input: { csv: string; filename?: string }): Promise<UserImportView> {
  if (!input.csv?.trim()) throw AppError.badRequest('invalid_csv', 'The file is empty. Send a CSV with a header row: name,email');
  // the CSV is stored as text, which cannot hold U+0000 (a binary file sent by mistake has them)
  if (input.csv.includes('\u0000')) throw AppError.badRequest('invalid_csv', 'The file contains NUL characters: is it really a CSV text file?');
  const rows = parseCsv(input.csv);
  const header = ((parse(input.csv, { to_line: 1, bom: true, trim: true }) as string[][])[0] ?? []).map((h) => h.toLowerCase());
  if (!header.includes('name') || !header.includes('email')) {
    throw AppError.badRequest('invalid_csv', 'The first line must be a header naming the columns "name" and "email".');
  }
  if (rows.length === 0) throw AppError.badRequest('invalid_csv', 'The file has a header but no rows.');
  if (rows.length > IMPORT_MAX_ROWS) throw AppError.badRequest('too_many_rows', `At most ${IMPORT_MAX_ROWS} rows per import; split the file.`);
  const filename = (input.filename ?? 'users.csv').slice(0, 200);
  const id = await db().transaction(async (transaction) => {
    const [row] = await db().query<{ id: string }>(
      `INSERT INTO user_imports (actor_id, actor_email, filename, csv, total_rows, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      { bind: [actor.id, actor.email, filename, input.csv, rows.length, clock.now()], type: QueryTypes.SELECT, transaction },
    );
    await audit(actor, { action: 'users.import_started', targetType: 'user_import', targetId: row.id, after: { filename, totalRows: rows.length } }, transaction);
    await enqueueJob(USER_IMPORT_JOB, { importId: row.id }, { transaction });
    return row.id;
  });
  return (await getUserImport(id))!;
}

/** An import's progress and per-row error report. */
export async function getUserImport(id: string): Promise<UserImportView | null> {
  const [r] = await db().query<Record<string, unknown>>(`SELECT * FROM user_imports WHERE id = $1`, { bind: [id], type: QueryTypes.SELECT });
  return r ? present(r) : null;
}

/** Recent imports, newest first (the console shows the last few). */
export async function listUserImports(limit = 10): Promise<UserImportView[]> {
  const rows = await db().query<Record<string, unknown>>(`SELECT * FROM user_imports ORDER BY created_at DESC LIMIT $1`, { bind: [limit], type: QueryTypes.SELECT });
  return rows.map(present);
}

function present(r: Record<string, unknown>): UserImportView {
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
  return {
    id: r.id as string,
    filename: r.filename as string,
    status: r.status as UserImportView['status'],
    totalRows: r.total_rows as number,
    processedRows: r.processed_rows as number,
    createdCount: r.created_count as number,
    errorCount: r.error_count as number,
    errors: r.errors as ImportRowError[],
    failure: (r.failure as string | null) ?? null,
    actorEmail: (r.actor_email as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/**
 * Job: creates one customer per good row and records why each bad row was refused. Each row commits with
 * the progress counter, so a retried job resumes after the last row done and never creates anyone twice.
 */
export async function runUserImport(data: Record<string, unknown>): Promise<void> {
  const importId = String(data.importId);
  const [job] = await db().query<{ csv: string; status: string; processed_rows: number; actor_id: string | null; actor_email: string | null }>(
    `UPDATE user_imports SET status = 'running', started_at = coalesce(started_at, $2), updated_at = $2 WHERE id = $1 AND status IN ('queued', 'running')
     RETURNING csv, status, processed_rows, actor_id, actor_email`,
    { bind: [importId, clock.now()], type: QueryTypes.SELECT },
  );
  if (!job) return; // finished already
  const rows = parseCsv(job.csv);
  // Duplicates within the file: the first occurrence wins.
  const seen = new Set<string>();
  rows.slice(0, job.processed_rows).forEach((r) => seen.add(String(r.email ?? '').trim().toLowerCase()));
  for (let i = job.processed_rows; i < rows.length; i++) {
    const line = i + 2;
    await db().transaction(async (transaction) => {
      const error = await importRow(rows[i], seen, transaction);
      await db().query(
        `UPDATE user_imports SET processed_rows = $2, created_count = created_count + $3, error_count = error_count + $4,
                errors = CASE WHEN $5::jsonb IS NULL THEN errors ELSE errors || $5::jsonb END, updated_at = $6
          WHERE id = $1`,
        { bind: [importId, i + 1, error ? 0 : 1, error ? 1 : 0, error ? JSON.stringify([{ line, ...error }]) : null, clock.now()], transaction },
      );
    });
  }
  await db().transaction(async (transaction) => {
    const [done] = await db().query<{ created_count: number; error_count: number; filename: string }>(
      `UPDATE user_imports SET status = 'completed', finished_at = $2, updated_at = $2, csv = '' WHERE id = $1 RETURNING created_count, error_count, filename`,
      { bind: [importId, clock.now()], type: QueryTypes.SELECT, transaction },
    );
    const actor = { id: job.actor_id, email: job.actor_email, ip: null, userAgent: 'user-import job' };
    await audit(actor, { action: 'users.import_completed', targetType: 'user_import', targetId: importId, after: { filename: done.filename, created: done.created_count, rejected: done.error_count } }, transaction);
  });
  logger.info({ importId, rows: rows.length }, 'users: import finished');
}

async function importRow(raw: CsvRow, seen: Set<string>, transaction: Transaction): Promise<{ email: string | null; reason: string } | null> {
  const email = raw.email?.trim() || null;
  const parsed = rowSchema.safeParse({ name: raw.name ?? '', email: raw.email ?? '' });
  if (!parsed.success) return { email, reason: parsed.error.issues.map((i) => i.message).join('; ') };
  const { name, email: normalized } = parsed.data;
  if (seen.has(normalized)) return { email, reason: 'duplicate e-mail in this file' };
  seen.add(normalized);
  const [taken] = await db().query(`SELECT 1 FROM users WHERE lower(email) = $1`, { bind: [normalized], type: QueryTypes.SELECT, transaction });
  if (taken) return { email, reason: 'an account with this e-mail already exists' };
  const now = clock.now();
  // No password yet: the customer chooses one through "forgot password" (the hash matches nothing).
  const user = await User.create({ name, email: normalized, passwordHash: `imported$${newToken().hash}`, createdAt: now, updatedAt: now }, { transaction });
  await onUserRegistered(user, transaction);
  return null;
}

/** The job's handler: an unexpected failure marks the import failed (the console stops polling and says why). */
export async function userImportJob(data: Record<string, unknown>): Promise<void> {
  try {
    await runUserImport(data);
  } catch (err) {
    logger.error({ err, importId: data.importId }, 'users: import failed');
    await failUserImport(String(data.importId), (err as Error).message ?? 'unexpected error');
  }
}

/** Marks an import failed when the job breaks (bad data never does: rows are refused one by one). */
export async function failUserImport(importId: string, message: string): Promise<void> {
  await db().query(`UPDATE user_imports SET status = 'failed', failure = $2, finished_at = $3, updated_at = $3 WHERE id = $1 AND status <> 'completed'`, { bind: [importId, message.slice(0, 500), clock.now()] });
}
