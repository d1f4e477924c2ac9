import { QueryTypes, type InferAttributes, type Model, type ModelStatic } from 'sequelize';
import { z } from 'zod';
import { db } from '../db/sequelize';
import { plainSelect } from '../db/plain-query';
import { TtlCache } from '../lib/ttl-cache';
import { AppError, fieldErrors } from './errors';
import { dateProblem } from './dates';
import type { Page } from './route';

type Operator = 'eq' | 'ne' | 'like' | 'gte' | 'lte';

export interface FieldSpec {
  /** `number` is a whole number (cents, counts); `date` an ISO-8601 date or timestamp from 1970 to 9999. */
  type: 'string' | 'enum' | 'date' | 'number' | 'uuid';
  /** Model attribute (camelCase) this filter applies to; defaults to the field name. */
  attribute?: string;
  values?: readonly string[];
  /**
   * A condition that is not a plain column comparison (e.g. a role held in another table): SQL over the
   * row alias `t`, with values passed through `bind`, which returns their placeholder.
   */
  where?: (op: Operator, values: string[], bind: (value: unknown) => string) => string;
}

export interface ListSpec {
  fields: Record<string, FieldSpec>;
  sortable: readonly string[];
  defaultSort: [field: string, order: 'asc' | 'desc'];
  /** Attributes searched (case-insensitive substring) by `q`. */
  search?: readonly string[];
  maxPageSize?: number;
}

/** A parsed list request: a page, an order, and filters as attribute-level conditions. */
export interface ListQuery {
  offset: number;
  limit: number;
  sort: string;
  order: 'ASC' | 'DESC';
  filters: Filter[];
}

type Filter =
  | { kind: 'compare'; attribute: string; op: Operator; values: unknown[] }
  | { kind: 'search'; attributes: readonly string[]; text: string }
  | { kind: 'custom'; sql: FieldSpec['where'] & {}; op: Operator; values: string[] };

/** The largest _start/_end: PostgreSQL's OFFSET and LIMIT are 64-bit, but no list comes near this. */
const MAX_ROW = 2 ** 31 - 1;

const SUFFIXES: Array<[string, Operator]> = [['_like', 'like'], ['_gte', 'gte'], ['_lte', 'lte'], ['_ne', 'ne']];
const SQL_OPS = { eq: '=', ne: '<>', like: 'ILIKE', gte: '>=', lte: '<=' } as const;

/** Parses the @refinedev/simple-rest query contract against a resource's spec; bad input is a 400 per parameter. */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  const errors = fieldErrors();
  const fail = (k: string, m: string) => (errors[k] ??= []).push(m);
  const int = (k: string, d: number) => {
    const v = query[k];
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > MAX_ROW) fail(k, `Must be a whole number from 0 to ${MAX_ROW}`);
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

  const filters: Filter[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key.startsWith('_')) continue;
    if (key === 'q') {
      const q = String(raw).trim();
      if (q.length > 200) fail('q', 'At most 200 characters');
      else if (q && spec.search?.length) filters.push({ kind: 'search', attributes: spec.search, text: q });
      else if (q) fail('q', 'This list has no free-text search');
      continue;
    }
    const [field, op] = splitKey(key);
    const f = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined; // not ?constructor= from the prototype
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
    if (f.where) filters.push({ kind: 'custom', sql: f.where, op, values });
    else filters.push({ kind: 'compare', attribute: f.attribute ?? field, op, values: f.type === 'date' ? values.map((v) => new Date(v)) : values });
  }
  if (Object.keys(errors).length) throw AppError.validation(errors, 'Some list parameters are invalid');
  return { offset: start, limit: end - start, sort: sortField, order: orderRaw === 'asc' ? 'ASC' : 'DESC', filters };
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
  if (f.type === 'date') return dateProblem(v);
  if (f.type === 'number' && !(/^-?\d{1,15}$/.test(v))) return 'Must be a whole number (15 digits at most)';
  if (f.type === 'uuid' && !z.string().uuid().safeParse(v).success) return 'Must be an id';
  return undefined;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Counting every matching row of a million-row table costs more than the page itself. The planner's
// estimate comes first (one EXPLAIN, well under a millisecond): when it is clearly large, it is the answer,
// flagged as estimated. Otherwise the rows are counted exactly, up to a cap.
// A large estimate is kept for a few seconds per filter set: paging through a big list then costs one
// query per page, and the figure was an estimate anyway.
const EXACT_COUNT_LIMIT = 10_000;
const TRUST_ESTIMATE_ABOVE = 5 * EXACT_COUNT_LIMIT;
const estimates = new TtlCache<number>({ ttlMs: 10_000, maxEntries: 1_000 });

/** A row of the model as plain attributes, plus computed columns. */
export type Row<M extends Model, X extends string = never> = InferAttributes<M> & Record<X, unknown>;

interface SelectOptions<X extends string> {
  /** Equality on attributes, e.g. { ownerId } (the tenant scope). */
  where?: Record<string, unknown>;
  /** Computed columns: name → SQL over the row alias `t`. */
  extra?: Record<X, string>;
  /** Attributes not to read (secrets such as password hashes). */
  omit?: string[];
}

/**
 * One page of a model's rows in the simple-rest shape. Lists are the hottest reads (the console's users
 * list runs over millions of rows), so the SQL is built here directly from the model's column map rather
 * than through Sequelize's query generator, and rows come back as plain objects.
 */
export async function paginate<M extends Model, X extends string = never>(model: ModelStatic<M>, lq: ListQuery, opts: SelectOptions<X> = {}): Promise<Page<Row<M, X>>> {
  const sql = new SqlBuilder(model);
  const where = sql.where(opts.where ?? {}, lq.filters);
  const sort = sql.column(lq.sort);
  const order = `ORDER BY t.${sort} ${lq.order}, t.id ${lq.order}`;
  // The page is chosen first and the computed columns (subqueries per row) are worked out for its rows only,
  // not for the rows an OFFSET skips.
  const pageRows = `SELECT t.* FROM ${sql.table} t WHERE ${where} ${order} LIMIT ${lq.limit} OFFSET ${lq.offset}`;
  const rows = await plainSelect<Row<M, X>>(`SELECT ${sql.selectList(opts.extra, opts.omit)} FROM (${pageRows}) t ${order}`, sql.params);
  if (lq.offset === 0 && rows.length < lq.limit) return { rows, total: rows.length };
  const from = `FROM ${sql.table} t WHERE ${where}`;
  const cacheKey = `${from}\n${JSON.stringify(sql.params)}`;
  const cached = estimates.get(cacheKey);
  if (cached !== undefined) return { rows, total: cached, estimated: true };
  const [plan] = await plainSelect<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`, sql.params);
  const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  if (estimate > TRUST_ESTIMATE_ABOVE) {
    estimates.set(cacheKey, estimate);
    return { rows, total: estimate, estimated: true };
  }
  const [{ n }] = await plainSelect<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT ${EXACT_COUNT_LIMIT + 1}) c`, sql.params);
  return n > EXACT_COUNT_LIMIT ? { rows, total: Math.max(estimate, n), estimated: true } : { rows, total: n };
}

/** Rows of a model matching attribute equalities, with computed columns, newest first by the given attribute. */
export async function selectRows<M extends Model, X extends string = never>(
  model: ModelStatic<M>,
  opts: SelectOptions<X> & { orderBy?: string; limit?: number } = {},
): Promise<Array<Row<M, X>>> {
  const sql = new SqlBuilder(model);
  const where = sql.where(opts.where ?? {}, []);
  const order = opts.orderBy ? ` ORDER BY t.${sql.column(opts.orderBy)} DESC` : '';
  return db().query<Row<M, X>>(`SELECT ${sql.selectList(opts.extra, opts.omit)} FROM ${sql.table} t WHERE ${where}${order}${opts.limit ? ` LIMIT ${opts.limit}` : ''}`, { bind: sql.params, type: QueryTypes.SELECT });
}

/** Builds SQL for one model: attribute → column through the model's own map, values always bound. */
class SqlBuilder {
  readonly params: unknown[] = [];
  readonly table: string;
  private readonly attributes: Record<string, { field?: string }>;

  constructor(model: ModelStatic<Model>) {
    this.table = `"${model.getTableName() as string}"`;
    this.attributes = model.getAttributes();
  }

  bind = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };

  column(attribute: string): string {
    const def = Object.hasOwn(this.attributes, attribute) ? this.attributes[attribute] : undefined;
    if (!def) throw new Error(`Unknown attribute ${attribute}`);
    return `"${def.field ?? attribute}"`;
  }

  selectList(extra: Record<string, string> = {}, omit: string[] = []): string {
    const columns = Object.keys(this.attributes)
      .filter((a) => !omit.includes(a))
      .map((a) => `t.${this.column(a)} AS "${a}"`);
    return [...columns, ...Object.entries(extra).map(([name, expr]) => `${expr} AS "${name}"`)].join(', ');
  }

  where(equal: Record<string, unknown>, filters: Filter[]): string {
    const parts = Object.entries(equal).map(([a, v]) => `t.${this.column(a)} = ${this.bind(v)}`);
    for (const f of filters) {
      if (f.kind === 'search') {
        const pattern = this.bind(`%${escapeLike(f.text)}%`);
        parts.push(`(${f.attributes.map((a) => `t.${this.column(a)} ILIKE ${pattern}`).join(' OR ')})`);
      } else if (f.kind === 'custom') {
        parts.push(f.sql(f.op, f.values, this.bind));
      } else if (f.op === 'eq' && f.values.length > 1) {
        parts.push(`t.${this.column(f.attribute)} IN (${f.values.map(this.bind).join(', ')})`);
      } else {
        const value = f.op === 'like' ? `%${escapeLike(String(f.values[0]))}%` : f.values[0];
        parts.push(`t.${this.column(f.attribute)} ${SQL_OPS[f.op]} ${this.bind(value)}`);
      }
    }
    return parts.length ? parts.join(' AND ') : 'TRUE';
  }
}

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

/** Drops the kept list-size estimates (after bulk changes, and between tests). */
export function forgetListEstimates(): void {
  estimates.clear();
}
