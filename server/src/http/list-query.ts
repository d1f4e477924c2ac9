import { Op, QueryTypes, Utils, type Model, type ModelStatic, type WhereOptions, type FindOptions } from 'sequelize';
import { z } from 'zod';
import { db } from '../db/sequelize';
import { AppError, type FieldErrors } from './errors';
import type { Page } from './route';

type Operator = 'eq' | 'ne' | 'like' | 'gte' | 'lte';

export interface FieldSpec {
  type: 'string' | 'enum' | 'date' | 'number' | 'uuid';
  /** Model attribute (camelCase) this filter applies to; defaults to the field name. */
  attribute?: string;
  values?: readonly string[];
  /** A field whose condition is not a plain column comparison (e.g. a role held in another table). */
  where?: (op: Operator, value: string | string[]) => WhereOptions;
}

export interface ListSpec {
  fields: Record<string, FieldSpec>;
  sortable: readonly string[];
  defaultSort: [field: string, order: 'asc' | 'desc'];
  /** Attributes searched (case-insensitive substring) by `q`. */
  search?: readonly string[];
  maxPageSize?: number;
}

export interface ListQuery {
  offset: number;
  limit: number;
  sort: string;
  order: 'ASC' | 'DESC';
  where: WhereOptions[];
}

const SUFFIXES: Array<[string, Operator]> = [['_like', 'like'], ['_gte', 'gte'], ['_lte', 'lte'], ['_ne', 'ne']];
const OPS = { eq: Op.eq, ne: Op.ne, like: Op.iLike, gte: Op.gte, lte: Op.lte } as const;

/** Parses the @refinedev/simple-rest query contract against a resource's spec; bad input is a 400 per parameter. */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  const errors: FieldErrors = {};
  const fail = (k: string, m: string) => (errors[k] ??= []).push(m);
  const int = (k: string, d: number) => {
    const v = query[k];
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) fail(k, 'Must be a non-negative integer');
    return n;
  };
  const maxPage = spec.maxPageSize ?? 100;
  const start = int('_start', 0);
  const end = int('_end', start + 10);
  if (end < start) fail('_end', 'Must not be less than _start');
  if (end - start > maxPage) fail('_end', `At most ${maxPage} rows per page`);

  const sortField = query._sort === undefined ? spec.defaultSort[0] : String(query._sort);
  if (!spec.sortable.includes(sortField)) fail('_sort', `Sort by one of: ${spec.sortable.join(', ')}`);
  const orderRaw = String(query._order ?? spec.defaultSort[1]).toLowerCase();
  if (orderRaw !== 'asc' && orderRaw !== 'desc') fail('_order', 'Use asc or desc');

  const where: WhereOptions[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key.startsWith('_')) continue;
    if (key === 'q') {
      const q = String(raw).trim();
      if (q.length > 200) fail('q', 'At most 200 characters');
      else if (q && spec.search?.length) where.push({ [Op.or]: spec.search.map((a) => ({ [a]: { [Op.iLike]: `%${escapeLike(q)}%` } })) });
      else if (q) fail('q', 'This list has no free-text search');
      continue;
    }
    const [field, op] = splitKey(key);
    const f = spec.fields[field];
    if (!f) {
      fail(key, `Unknown filter. Filter by: ${Object.keys(spec.fields).join(', ') || 'nothing'}`);
      continue;
    }
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    const problem = values.map((v) => checkValue(f, op, v)).find(Boolean);
    if (problem) {
      fail(key, problem);
      continue;
    }
    if (f.where) where.push(f.where(op, values.length > 1 ? values : values[0]));
    else {
      const attr = f.attribute ?? field;
      const value = op === 'like' ? `%${escapeLike(values[0])}%` : f.type === 'date' ? new Date(values[0]) : values[0];
      where.push(values.length > 1 && op === 'eq' ? { [attr]: { [Op.in]: values } } : { [attr]: { [OPS[op]]: value } });
    }
  }
  if (Object.keys(errors).length) throw AppError.validation(errors, 'Some list parameters are invalid');
  return { offset: start, limit: end - start, sort: sortField, order: orderRaw === 'asc' ? 'ASC' : 'DESC', where };
}

function splitKey(key: string): [string, Operator] {
  for (const [suffix, op] of SUFFIXES) if (key.endsWith(suffix)) return [key.slice(0, -suffix.length), op];
  return [key, 'eq'];
}

function checkValue(f: FieldSpec, op: Operator, v: string): string | undefined {
  if (v.length > 200) return 'At most 200 characters';
  if (op === 'like' && f.type !== 'string') return 'Only text fields support _like';
  if ((op === 'gte' || op === 'lte') && f.type !== 'date' && f.type !== 'number') return 'Only dates and numbers support ranges';
  if (f.type === 'enum' && !f.values!.includes(v)) return `Use one of: ${f.values!.join(', ')}`;
  if (f.type === 'date' && Number.isNaN(Date.parse(v))) return 'Use an ISO-8601 date';
  if (f.type === 'number' && !Number.isFinite(Number(v))) return 'Must be a number';
  if (f.type === 'uuid' && !z.string().uuid().safeParse(v).success) return 'Must be an id';
  return undefined;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Counting every matching row of a million-row table costs more than the page itself. The planner's
// estimate comes first (one EXPLAIN, well under a millisecond): when it is clearly large, it is the answer,
// flagged as estimated. Otherwise the rows are counted exactly, up to a cap.
const EXACT_COUNT_LIMIT = 10_000;
const TRUST_ESTIMATE_ABOVE = 5 * EXACT_COUNT_LIMIT;

/** One page of a model's rows in the simple-rest shape, with the total counted as cheaply as is honest. */
export async function paginate<M extends Model>(
  model: ModelStatic<M>,
  lq: ListQuery,
  opts: { where?: WhereOptions; attributes?: FindOptions['attributes'] } = {},
): Promise<Page<M>> {
  const where = { [Op.and]: [...(opts.where ? [opts.where] : []), ...lq.where] } as WhereOptions;
  const rows = await model.findAll({
    where,
    attributes: opts.attributes,
    order: [[lq.sort, lq.order], ['id', lq.order]],
    offset: lq.offset,
    limit: lq.limit,
  });
  if (lq.offset === 0 && rows.length < lq.limit) return { rows, total: rows.length };
  const estimate = await explainRows(model, where);
  if (estimate > TRUST_ESTIMATE_ABOVE) return { rows, total: estimate, estimated: true };
  const exact = await countCapped(model, where);
  return exact > EXACT_COUNT_LIMIT ? { rows, total: Math.max(estimate, exact), estimated: true } : { rows, total: exact };
}

/** The SQL of `SELECT 1 FROM <table> WHERE <where>`, built the way findAll builds it. */
function selectOneSql(model: ModelStatic<Model>, where: WhereOptions, limit?: number): string {
  // findAll maps attribute names to columns (createdAt → created_at) before generating SQL; do the same.
  const mapped = Utils.mapOptionFieldNames({ where } as never, model as never) as { where: WhereOptions };
  const qg = (model as unknown as { queryGenerator: QueryGenerator }).queryGenerator;
  const options = { where: mapped.where, attributes: [[db().literal('1'), 'one']], tableAs: model.name, ...(limit ? { limit } : {}) };
  return qg.selectQuery(model.getTableName() as string, options, model).replace(/;$/, '');
}

async function explainRows(model: ModelStatic<Model>, where: WhereOptions): Promise<number> {
  const [row] = await db().query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) ${selectOneSql(model, where)}`, { type: QueryTypes.SELECT });
  return Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
}

async function countCapped(model: ModelStatic<Model>, where: WhereOptions): Promise<number> {
  const [{ n }] = await db().query<{ n: number }>(`SELECT count(*) AS n FROM (${selectOneSql(model, where, EXACT_COUNT_LIMIT + 1)}) t`, { type: QueryTypes.SELECT });
  return n;
}

type QueryGenerator = { selectQuery(table: string, options: object, model: unknown): string };

/** The zod object documenting the list contract's common parameters in OpenAPI. */
export function listQueryDoc(spec: ListSpec) {
  const shape: Record<string, z.ZodType> = {
    _start: z.coerce.number().int().min(0).optional(),
    _end: z.coerce.number().int().min(0).optional(),
    _sort: z.enum(spec.sortable as [string, ...string[]]).optional(),
    _order: z.enum(['asc', 'desc']).optional(),
  };
  if (spec.search?.length) shape.q = z.string().optional();
  for (const [name, f] of Object.entries(spec.fields)) {
    shape[name] = f.type === 'enum' ? z.enum(f.values as [string, ...string[]]).optional() : z.string().optional();
    if (f.type === 'string') shape[`${name}_like`] = z.string().optional();
    if (f.type === 'date' || f.type === 'number') {
      shape[`${name}_gte`] = z.string().optional();
      shape[`${name}_lte`] = z.string().optional();
    }
  }
  return z.object(shape).passthrough();
}
