import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/**
 * Streams rows as a CSV download: rows go through csv-stringify one at a time (quoting, and a leading
 * apostrophe on cells starting with = + - @ so spreadsheets do not run them as formulas).
 */
export async function sendCsv(res: Response, filename: string, columns: string[], rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9_.-]/g, '_')}"`);
  const source = Readable.from(
    (async function* () {
      for await (const row of rows) {
        const out: Record<string, unknown> = {};
        for (const c of columns) out[c] = defuse(row[c]);
        yield out;
      }
    })(),
  );
  await pipeline(source, stringify({ header: true, columns }), res);
}

function defuse(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v ?? '';
}
