import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { Setting } from '../../../src/modules/system/setting.models';
import { ADMIN_RATE_LIMIT_SETTING } from '../../../src/modules/admin/admin-rate-limit';
import { resetDatabase, signIn, testConfig } from '../../support/app';
import { makeUser } from '../../support/factories';

describe('admin mutations are rate-limited per admin', () => {
  beforeEach(resetDatabase);

  it('answers 429 rate_limited with Retry-After past the setting, counts each admin apart, and never limits reads', async () => {
    const own = createApp(testConfig()); // its own counters
    await Setting.upsert({ key: ADMIN_RATE_LIMIT_SETTING, value: { perMinute: 3 } });
    await makeUser({ email: 'a@example.com', role: 'super_admin' });
    await makeUser({ email: 'b@example.com', role: 'super_admin' });
    const a = await signIn('a@example.com', undefined, own);
    const b = await signIn('b@example.com', undefined, own);
    const target = await makeUser();

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await a.post(`/api/admin/users/${target.id}/reset-password`)).status);
    expect(statuses).to.deep.equal([200, 200, 200]);
    const limited = await a.post(`/api/admin/users/${target.id}/reset-password`);
    expect(limited.status).to.equal(429);
    expect(limited.body.code).to.equal('rate_limited');
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    expect(limited.body.retryAfterSeconds).to.be.within(1, 60);

    expect((await a.get('/api/admin/users')).status, 'reads are not limited').to.equal(200);
    expect((await b.post(`/api/admin/users/${target.id}/reset-password`)).status, 'another admin has their own budget').to.equal(200);
    expect((await request(own).post(`/api/admin/users/${target.id}/reset-password`)).status, 'anonymous: the guard answers').to.equal(401);
  });
});
