import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { DEFAULT_PASSWORD, resetDatabase, signIn, testConfig } from '../support/app';
import { makeUser } from '../support/factories';
import { ADMIN_RATE_LIMIT_SETTING } from '../../src/modules/admin/admin-rate-limit';
import { Setting } from '../../src/modules/system/setting.models';

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  parameters?: Array<{ name: string; in: 'query' | 'path' | 'header' | 'cookie' }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

// Values that have broken servers before: empty, huge, not-a-number, out of range, impossible dates,
// days at the ends of the calendar (a day after 9999-12-31 or before year 1 is not a date to PostgreSQL),
// SQL and JSON look-alikes, and a value repeated (Express makes that an array).
const HOSTILE = ['', 'x'.repeat(5000), '-1', '1e309', '1e300', 'NaN', '2026-13-45', '9999-12-31', '0001-01-01', '-271821-04-20', '12.5', "' OR 1=1 --", '{"$gt":""}', '%', '\\', '9'.repeat(40)];
const BODIES: unknown[] = [{}, [], 'text', 0, { id: 'x'.repeat(300) }, { name: ['array'], email: { nested: true }, amountCents: -1e309, status: null }];

// One field of an otherwise plausible body at a time: wrong types, the ends of the number line and of the
// calendar, long text, nesting where a scalar belongs.
const FIELD_VALUES: unknown[] = ['', 'x'.repeat(5000), 'half a pair \ud800 of surrogates', -1, 0, 1.5, 1e300, 2 ** 31, 2 ** 53 + 2, null, true, [], {}, ['x'], { x: 1 }, '9999-12-31', '9999-12-31T23:59:59Z', '-271821-04-20T00:00:00.000Z', '1e300', "' OR 1=1 --", '%'];

/** A value the schema accepts, as far as the schema says (patterns aside): the base a hostile field is put in. */
function plausible(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.$ref) return plausible(components[schema.$ref.split('/').pop()!], components, depth + 1);
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (first) return plausible(first, components, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => plausible(s, components, depth + 1)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausible(v, components, depth + 1)]));
  }
  if (type === 'array') return Array.from({ length: schema.minItems ?? 0 }, () => plausible(schema.items, components, depth + 1));
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return 'hostile.field@example.com';
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

// Left out: the operator's "raise a test exception" button (a 5xx is its purpose), signing out (it would
// end the session the other calls run under) and the index rebuild (it would run on under later tests).
const SKIPPED = new Set(['POST /api/admin/system/test-error', 'POST /api/auth/logout', 'POST /api/admin/search/reindex']);

/**
 * Every documented route, as a super admin (so the permission checks let the input through), with hostile
 * query values, path ids and bodies: whatever the input, the answer is never a 5xx.
 */
describe('hostile input on every documented route', function () {
  this.timeout(300_000);
  // its own app: the rate limits it runs into (browser error reports: 30 a minute) are not the next file's
  let app: Express;
  let ops: Awaited<ReturnType<typeof signIn>>;
  let paths: Record<string, Record<string, Operation>>;

  before(async () => {
    app = createApp(testConfig());
    await resetDatabase();
    await makeUser({ email: 'ops.hostile@example.com', role: 'super_admin' });
    // thousands of changes in a minute: past the per-admin limit, every one would be a 429 instead of reaching its handler
    await Setting.upsert({ key: ADMIN_RATE_LIMIT_SETTING, value: { perMinute: 1_000_000 } });
    ops = await signIn('ops.hostile@example.com', undefined, app);
    paths = (await request(app).get('/api/openapi.json')).body.paths;
    expect(Object.keys(paths).length).to.be.above(50);
  });

  // plausible bodies change real state (maintenance mode among it): leave none of it to the next file
  after(() => resetDatabase());

  it('never answers 5xx to bad query values or path ids', async () => {
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method !== 'get') continue;
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '1'.repeat(300)]) {
          const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const value of HOSTILE) {
            const qs = query.map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}&${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
            // every parameter at once (repeated, then once), and each alone: with all of them bad, the first
            // one checked answers for the others
            const alone = query.map((n) => `${url}?${encodeURIComponent(n)}=${encodeURIComponent(value)}`);
            for (const target of [`${url}?${qs}`, `${url}?${query.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(value)}`).join('&')}`, ...alone]) {
              const res = await ops.get(target);
              if (res.status >= 500) failures.push(`GET ${target.slice(0, 160)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            }
          }
          if (!path.includes('{')) break;
        }
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).to.deep.equal([]);
  });

  it('never answers 5xx to filters named after what every object has, or to a path that does not decode', async () => {
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      if (!methods.get) continue;
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const targets = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf_gte'].map((key) => `${url}?${key}=x`);
      if (path.includes('{')) targets.push(path.replace(/\{[^}]+\}/g, '%E0%A4%A'), path.replace(/\{[^}]+\}/g, '%'));
      for (const target of targets) {
        const res = await ops.get(target);
        if (res.status >= 500) failures.push(`GET ${target} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).to.deep.equal([]);
    const list = await ops.get('/api/admin/users?constructor=x');
    expect(list.status).to.equal(400);
    expect(list.body.errors).to.have.keys(['constructor']);
    const undecodable = await ops.get('/api/admin/users/%E0%A4%A');
    expect([undecodable.status, undecodable.body.code]).to.deep.equal([400, 'malformed_url']);
  });

  it('names the parameter for values the database could not take', async () => {
    const cases: Array<[url: string, field: string, message: RegExp]> = [
      ['/api/admin/users?createdAt_gte=-271821-04-20', 'createdAt_gte', /from 1970-01-01 to 9999-12-30/],
      ['/api/admin/audit-log?createdAt_lte=10000-01-01', 'createdAt_lte', /from 1970-01-01 to 9999-12-30/],
      ['/api/admin/invoices?_start=1e300', '_start', /whole number from 0 to 2147483647/],
      ['/api/admin/invoices?totalCents_gte=12.5', 'totalCents_gte', /whole number/],
      ['/api/admin/invoices?totalCents=', 'totalCents', /whole number/],
      ['/api/search?q=fix&date_to=9999-12-31', 'date_to', /from 1970-01-01 to 9999-12-30/],
      ['/api/admin/analytics/users?from=1969-12-31&to=1970-01-05', 'from', /from 1970-01-01 to 9999-12-30/],
    ];
    for (const [url, field, message] of cases) {
      const res = await ops.get(url);
      expect(res.status, url).to.equal(400);
      expect(res.body.errors?.[field]?.join(' '), url).to.match(message);
    }
    // the bounds themselves are fine
    for (const url of ['/api/admin/users?createdAt_gte=1970-01-01', '/api/search?q=fix&date_from=1970-01-01&date_to=9999-12-30', '/api/admin/invoices?totalCents_gte=1250&_start=0&_end=10']) {
      expect((await ops.get(url)).status, url).to.equal(200);
    }
  });

  it('never answers 5xx when one field of an otherwise plausible body is hostile', async () => {
    const spec = (await request(app).get('/api/openapi.json')).body as { components?: { schemas?: Record<string, Schema> } };
    const components = spec.components?.schemas ?? {};
    // the cookie is sent as it is, not kept in a jar: a plausible body signs up or signs in to other accounts
    const login = await request(app).post('/api/auth/login').send({ email: 'ops.hostile@example.com', password: DEFAULT_PASSWORD });
    const cookie = login.headers['set-cookie'] as unknown as string[];
    const statuses = new Map<number, number>();
    // routes whose generated body passed validation (so the hostile fields reached checks past it) or not
    const passed: string[] = [];
    const refused: string[] = [];
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        if (SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue;
        const base = plausible(op.requestBody?.content?.['application/json']?.schema, components);
        if (!base || typeof base !== 'object' || Array.isArray(base)) continue;
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const plain = await request(app)[method as 'post'](url).set('Cookie', cookie).send(base);
        if (plain.status >= 500) failures.push(`${method.toUpperCase()} ${url} as generated → ${plain.status}`);
        (plain.status === 400 ? refused : passed).push(`${method.toUpperCase()} ${path}`);
        for (const field of Object.keys(base)) {
          for (const value of FIELD_VALUES) {
            const body = { ...base, [field]: value };
            const res = await request(app)[method as 'post'](url).set('Cookie', cookie).send(body);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${field}=${JSON.stringify(value).slice(0, 40)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
        }
      }
    }
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(sent).to.be.above(1000);
    expect(statuses.get(403) ?? 0, 'the session stayed a super admin').to.equal(0);
    // most generated bodies pass validation (patterns and cross-field rules are not generated), so most
    // hostile fields were checked past the schema too
    expect(passed.length, `refused as generated: ${refused.join(', ')}`).to.be.at.least(0.7 * (passed.length + refused.length));
    expect(failures, failures.slice(0, 10).join('\n')).to.deep.equal([]);
  });

  it('never answers 5xx to bad bodies', async () => {
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const method of Object.keys(methods)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        if (SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue;
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const body of BODIES) {
          const res = await ops[method as 'post'](url).send(body as object);
          if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body).slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).to.deep.equal([]);
  });
});
