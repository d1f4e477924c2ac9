import { expect } from 'chai';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { registeredRoutes, type RouteInfo } from '../../../src/http/route';
import { Setting } from '../../../src/modules/system/setting.models';
import { ADMIN_RATE_LIMIT_SETTING } from '../../../src/modules/admin/admin-rate-limit';
import type { AdminRole } from '../../../src/modules/admin/admin.models';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';

type Who = 'anonymous' | 'customer' | AdminRole;
const WHO: Who[] = ['anonymous', 'customer', 'support_admin', 'billing_admin', 'analytics_admin', 'super_admin'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: every :param becomes an id that matches nothing. */
const urlOf = (r: RouteInfo) => '/api' + r.path.replace(/:(\w+)/g, UNKNOWN_ID).replace(/\{[^}]*\}/g, '');

/**
 * Generated from the route table, so routes added later are covered without touching this file: every
 * /api/admin route × every kind of caller → the status its declared permission implies. Anonymous: 401.
 * Without the permission: 403 forbidden. With it: past the guard, i.e. anything but 401, 403 forbidden or 429
 * (the request is then judged on its merits: 400 for the empty body, 404 for the unknown id, 200 for a read;
 * a route built to fail, such as the error-tracking test route, may even answer 500).
 */
describe('permission matrix of /api/admin (generated from the route table)', function () {
  this.timeout(180_000);
  const agents: Partial<Record<Who, ReturnType<typeof request.agent>>> = {};
  const granted: Partial<Record<Who, Set<string>>> = {};

  before(async () => {
    await resetDatabase();
    app(); // builds the app, which declares every route
    // many requests from one admin in a few seconds: lift the per-admin limit for this test
    await Setting.upsert({ key: ADMIN_RATE_LIMIT_SETTING, value: { perMinute: 100_000 } });
    const all = (await db().query<{ key: string }>('SELECT key FROM permissions', { type: QueryTypes.SELECT })).map((p) => p.key);
    for (const who of WHO) {
      if (who === 'anonymous') {
        granted[who] = new Set();
        continue;
      }
      await makeUser({ email: `${who}@matrix.example`, ...(who === 'customer' ? {} : { role: who }) });
      agents[who] = await signIn(`${who}@matrix.example`);
      const rows = await db().query<{ permission_key: string }>('SELECT permission_key FROM role_permissions WHERE role_name = $1', { bind: [who], type: QueryTypes.SELECT });
      granted[who] = new Set(who === 'super_admin' ? all : rows.map((r) => r.permission_key));
    }
  });

  const adminRoutes = () => registeredRoutes().filter((r) => r.path.startsWith('/admin'));

  it('every /api/admin route declares the permission it needs', () => {
    const undeclared = adminRoutes().filter((r) => !r.permission).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(undeclared).to.deep.equal([]);
  });

  it('every admin route answers each caller as its permission says, with zero mismatches', async () => {
    const routes = adminRoutes().filter((r) => r.permission);
    expect(routes.length, 'the route table lists the admin routes').to.be.greaterThan(15);

    const mismatches: string[] = [];
    let checked = 0;
    for (const r of routes) {
      for (const who of WHO) {
        const url = urlOf(r);
        const client = who === 'anonymous' ? request(app()) : agents[who]!;
        const req = (client as unknown as Record<string, (u: string) => request.Test>)[r.method](url);
        const res = r.method === 'get' || r.method === 'delete' ? await req : await req.send({});
        const allowed = granted[who]!.has(r.permission!);
        const expected = who === 'anonymous' ? '401' : allowed ? 'past the guard (not 401/403/429)' : '403 forbidden';
        const ok = who === 'anonymous' ? res.status === 401 : allowed ? !(res.status === 401 || (res.status === 403 && res.body?.code === 'forbidden') || res.status === 429) : res.status === 403 && res.body?.code === 'forbidden';
        checked++;
        if (!ok) mismatches.push(`${r.method.toUpperCase()} ${r.path} as ${who} (${r.permission}): expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(mismatches, `${mismatches.length} of ${checked} checks failed:\n${mismatches.join('\n')}`).to.deep.equal([]);
    expect(checked).to.equal(routes.length * WHO.length);
  });
});
