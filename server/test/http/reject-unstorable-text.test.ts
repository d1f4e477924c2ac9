import { expect } from 'chai';
import request from 'supertest';
import { app, resetDatabase, signIn } from '../support/app';
import { makeUser } from '../support/factories';

describe('text the database cannot store', () => {
  before(async () => {
    await resetDatabase();
    await makeUser({ email: 'ops.nul@example.com', role: 'super_admin' });
  });

  it('a NUL (U+0000) in a JSON body is refused with the field named, before any database work', async () => {
    const res = await request(app()).post('/api/auth/register').send({ name: 'Nul\u0000Name', email: 'nul@example.com', password: 'correct horse battery' });
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.deep.equal({ name: ['Contains a NUL character (U+0000), which text cannot hold'] });
    expect((await request(app()).post('/api/auth/login').send({ email: 'nul@example.com', password: 'correct horse battery' })).status).to.equal(401);
  });

  it('deep in a body and in keys, with the path as validation errors give it', async () => {
    const ops = await signIn('ops.nul@example.com');
    const res = await ops.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/x', properties: { ['k\u0000']: 'v', note: 'a\u0000b' } }] });
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.have.keys(['events.0.properties.k\u0000', 'events.0.properties.note']);
  });

  it('a NUL in the query string is refused too (a search for "%00" is a 400, not a 500)', async () => {
    const ops = await signIn('ops.nul@example.com');
    const res = await ops.get('/api/admin/users?q=%00');
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.have.keys(['q']);
    expect((await ops.get('/api/search?q=a%00b')).status).to.equal(400);
  });

  it('a lone UTF-16 surrogate is refused with the field named, before any database work (jsonb would refuse it: a 500)', async () => {
    const ops = await signIn('ops.nul@example.com');
    const events = await ops.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/ab\ud800cd', properties: { ['k\udc00']: 'v' } }] });
    expect(events.status).to.equal(400);
    expect(events.body.errors).to.deep.equal({
      'events.0.path': ['Contains half of a UTF-16 surrogate pair, which is not text'],
      'events.0.properties.k\udc00': ['Contains half of a UTF-16 surrogate pair, which is not text'],
    });
    const maintenance = await ops.post('/api/admin/system/maintenance').send({ enabled: true, message: 'back \udbff soon' });
    expect(maintenance.status).to.equal(400);
    expect((await ops.get('/api/admin/system/maintenance')).body.enabled).to.equal(false);
    // a whole pair is an emoji, not a problem
    expect((await ops.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/\ud83d\ude00' }] })).status).to.be.below(300);
  });
});
