import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { clock } from '../../../src/lib/clock';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { Session } from '../../../src/modules/auth/auth.models';
import { User } from '../../../src/modules/users/user.models';
import { app, DEFAULT_PASSWORD, resetDatabase, signIn, testConfig } from '../../support/app';
import { makeUser } from '../../support/factories';
import { eventually } from '../../support/eventually';

async function resetTokenFor(email: string): Promise<string> {
  const mail = await OutboxEmail.findOne({ where: { toAddress: email, template: 'password_reset' }, order: [['createdAt', 'DESC']] });
  const token = mail?.textBody.match(/token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no reset e-mail for ${email}`);
  return token;
}

describe('auth', () => {
  beforeEach(resetDatabase);

  describe('register', () => {
    it('creates a customer, signs them in and answers 201 with the user', async () => {
      const agent = request.agent(app());
      const res = await agent.post('/api/auth/register').send({ name: 'Ada Lovelace', email: 'Ada@Example.com', password: 'analytical-engine' });
      expect(res.status).to.equal(201);
      expect(res.body.user).to.include({ name: 'Ada Lovelace', email: 'ada@example.com', role: 'customer', isAdmin: false, status: 'active' });
      expect(res.body.user.permissions).to.deep.equal([]);
      expect(res.headers['set-cookie'][0]).to.match(/^socrates_sid=.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
      const me = await agent.get('/api/auth/me');
      expect(me.status).to.equal(200);
      expect(me.body.user.email).to.equal('ada@example.com');
    });

    it('refuses a taken e-mail with 409 and a field error, case-insensitively', async () => {
      await makeUser({ email: 'taken@example.com' });
      const res = await request(app()).post('/api/auth/register').send({ name: 'X', email: 'TAKEN@example.com', password: 'long enough' });
      expect(res.status).to.equal(409);
      expect(res.body).to.include({ code: 'email_taken', statusCode: 409 });
      expect(res.body.errors.email).to.have.length(1);
      expect(await User.count()).to.equal(1);
    });

    it('answers 400 with messages per field and writes nothing', async () => {
      const res = await request(app()).post('/api/auth/register').send({ email: 'not-an-email', password: 'short' });
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal('validation_failed');
      expect(res.body.errors).to.have.keys('name', 'email', 'password');
      expect(res.body.errors.password[0]).to.equal('Use at least 8 characters');
      expect(await User.count()).to.equal(0);
    });
  });

  describe('login', () => {
    it('signs in with the right password', async () => {
      const user = await makeUser({ email: 'login@example.com' });
      const res = await request(app()).post('/api/auth/login').send({ email: 'LOGIN@example.com', password: DEFAULT_PASSWORD });
      expect(res.status).to.equal(200);
      expect(res.body.user.id).to.equal(user.id);
    });

    it('answers 401 invalid_credentials for a wrong password or an unknown e-mail, alike', async () => {
      await makeUser({ email: 'login@example.com' });
      const wrong = await request(app()).post('/api/auth/login').send({ email: 'login@example.com', password: 'nope-nope' });
      const unknown = await request(app()).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'nope-nope' });
      for (const res of [wrong, unknown]) {
        expect(res.status).to.equal(401);
        expect(res.body).to.deep.equal({ statusCode: 401, code: 'invalid_credentials', message: 'Invalid email or password' });
      }
    });

    it('answers 403 account_suspended for a suspended account, even with the right password', async () => {
      await makeUser({ email: 'sus@example.com', status: 'suspended' });
      const res = await request(app()).post('/api/auth/login').send({ email: 'sus@example.com', password: DEFAULT_PASSWORD });
      expect(res.status).to.equal(403);
      expect(res.body.code).to.equal('account_suspended');
    });

    it('ends an open session as soon as the account is suspended, even by a write outside the API', async () => {
      const user = await makeUser({ email: 'later@example.com' });
      const agent = await signIn('later@example.com');
      expect((await agent.get('/api/auth/me')).status).to.equal(200);
      // a direct write, as another process or a SQL console would make: the session cache learns of it from
      // the database's notification, which arrives a moment after the commit (the API's own suspend empties
      // the cache before it answers: admin/user-actions.test.ts)
      await user.update({ status: 'suspended' });
      await eventually(async () => (await agent.get('/api/auth/me')).status === 401, 3_000);
    });

    it('is rate-limited per IP (429 rate_limited)', async () => {
      const limited = createApp(testConfig({ RATE_LIMIT_LOGIN_PER_15_MIN: '3' }));
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(limited).post('/api/auth/login').send({ email: `x${i}@example.com`, password: 'whatever1' })).status);
      expect(statuses).to.deep.equal([401, 401, 401, 429]);
    });

    it('is rate-limited per account after repeated failures', async () => {
      await makeUser({ email: 'target@example.com' });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await request(app()).post('/api/auth/login').send({ email: 'target@example.com', password: `guess-${i}` })).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).to.equal(true);
      expect(statuses[10]).to.equal(429);
    });
  });

  it('logout ends the session (204, then 401)', async () => {
    await makeUser({ email: 'out@example.com' });
    const agent = await signIn('out@example.com');
    expect((await agent.post('/api/auth/logout')).status).to.equal(204);
    const me = await agent.get('/api/auth/me');
    expect(me.status).to.equal(401);
    expect(me.body.code).to.equal('unauthenticated');
    expect(await Session.count()).to.equal(0);
  });

  it('GET /auth/session answers who is signed in, and user null (not 401) for no one or an ended session', async () => {
    await makeUser({ email: 'probe@example.com', name: 'Pat Probe' });
    const nobody = await request(app()).get('/api/auth/session');
    expect(nobody.status).to.equal(200);
    expect(nobody.body).to.deep.equal({ user: null, impersonation: null });

    const agent = await signIn('probe@example.com');
    const session = await agent.get('/api/auth/session');
    expect(session.status).to.equal(200);
    expect(session.body).to.deep.equal((await agent.get('/api/auth/me')).body);
    expect(session.body.user).to.include({ email: 'probe@example.com', name: 'Pat Probe' });

    await agent.post('/api/auth/logout');
    const ended = await agent.get('/api/auth/session');
    expect(ended.status).to.equal(200);
    expect(ended.body.user).to.equal(null);
    expect((await request(app()).get('/api/auth/session').set('Cookie', 'socrates_sid=not-a-session')).body.user).to.equal(null);
  });

  describe('password reset', () => {
    it('answers 202 whether or not the address exists, and e-mails only real accounts', async () => {
      await makeUser({ email: 'real@example.com' });
      const known = await request(app()).post('/api/auth/password-reset/request').send({ email: 'real@example.com' });
      const unknown = await request(app()).post('/api/auth/password-reset/request').send({ email: 'ghost@example.com' });
      expect(known.status).to.equal(202);
      expect(unknown.status).to.equal(202);
      expect(known.body).to.deep.equal(unknown.body);
      expect(await OutboxEmail.count({ where: { template: 'password_reset' } })).to.equal(1);
      expect((await OutboxEmail.findOne())!.textBody).to.include('/portal/reset-password?token=');
    });

    it('sets the new password, ends every session, and the token works once', async () => {
      await makeUser({ email: 'reset@example.com' });
      const oldSession = await signIn('reset@example.com');
      await request(app()).post('/api/auth/password-reset/request').send({ email: 'reset@example.com' });
      const token = await resetTokenFor('reset@example.com');

      const confirm = await request(app()).post('/api/auth/password-reset/confirm').send({ token, password: 'brand-new-secret' });
      expect(confirm.status).to.equal(204);
      expect((await oldSession.get('/api/auth/me')).status).to.equal(401);
      expect((await request(app()).post('/api/auth/login').send({ email: 'reset@example.com', password: DEFAULT_PASSWORD })).status).to.equal(401);
      expect((await request(app()).post('/api/auth/login').send({ email: 'reset@example.com', password: 'brand-new-secret' })).status).to.equal(200);

      const again = await request(app()).post('/api/auth/password-reset/confirm').send({ token, password: 'another-secret' });
      expect(again.status).to.equal(400);
      expect(again.body.code).to.equal('invalid_token');
    });

    it('refuses a token older than one hour', async () => {
      await makeUser({ email: 'slow@example.com' });
      await request(app()).post('/api/auth/password-reset/request').send({ email: 'slow@example.com' });
      const token = await resetTokenFor('slow@example.com');
      clock.advance(61 * 60 * 1000);
      const res = await request(app()).post('/api/auth/password-reset/confirm').send({ token, password: 'too-late-now' });
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal('invalid_token');
    });
  });

  describe('change password and profile', () => {
    it('needs the current password (400 on currentPassword) and keeps only this session', async () => {
      await makeUser({ email: 'cp@example.com' });
      const here = await signIn('cp@example.com');
      const elsewhere = await signIn('cp@example.com');
      const wrong = await here.post('/api/auth/change-password').send({ currentPassword: 'wrong', newPassword: 'new-password-1' });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.errors.currentPassword).to.deep.equal(['The current password is not correct']);
      const ok = await here.post('/api/auth/change-password').send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'new-password-1' });
      expect(ok.status).to.equal(204);
      expect((await here.get('/api/auth/me')).status).to.equal(200);
      expect((await elsewhere.get('/api/auth/me')).status).to.equal(401);
    });

    it('updates the name', async () => {
      await makeUser({ email: 'pf@example.com' });
      const agent = await signIn('pf@example.com');
      const res = await agent.patch('/api/auth/me').send({ name: '  New Name ' });
      expect(res.status).to.equal(200);
      expect(res.body.user.name).to.equal('New Name');
    });
  });

  it('refuses state-changing requests from another site (403 foreign_origin)', async () => {
    const res = await request(app()).post('/api/auth/login').set('Origin', 'https://evil.example').send({ email: 'a@b.co', password: 'whatever1' });
    expect(res.status).to.equal(403);
    expect(res.body.code).to.equal('foreign_origin');
  });
});
