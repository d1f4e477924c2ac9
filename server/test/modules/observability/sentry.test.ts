import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { db } from '../../../src/db/sequelize';
import { SystemLog } from '../../../src/modules/observability/observability.models';
import { resetDatabase } from '../../support/app';
import { makeUser } from '../../support/factories';
import { SentryReceiver } from '../../support/sentry-receiver';

const SERVER_DIR = path.resolve(import.meta.dirname, '../../..');

/** The test database's URL, rebuilt from the suite's own connection. */
function databaseUrl(): string {
  const c = db().config;
  return `postgres://${encodeURIComponent(c.username)}:${encodeURIComponent(c.password ?? '')}@${c.host}:${c.port}/${c.database}`;
}

// Errors only (rate 0, the benchmarked mode) and with every request traced: spans must be as clean as events.
for (const tracesSampleRate of ['0', '1']) describe(`Sentry (real SDK → local envelope receiver), tracesSampleRate ${tracesSampleRate}`, function () {
  this.timeout(60_000);
  const receiver = new SentryReceiver();
  let child: ChildProcess;
  let base: string;
  const messages: Array<{ type: string; [k: string]: unknown }> = [];

  const next = (type: string, timeoutMs = 30_000) =>
    new Promise<{ type: string; [k: string]: unknown }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child sent no ${type}`)), timeoutMs);
      const check = () => {
        const i = messages.findIndex((m) => m.type === type);
        if (i < 0) return void setTimeout(check, 20);
        clearTimeout(timer);
        resolve(messages.splice(i, 1)[0]);
      };
      check();
    });
  const flush = async () => {
    child.send({ type: 'flush' });
    expect((await next('flushed')).ok).to.equal(true);
  };

  before(async () => {
    await resetDatabase();
    await receiver.start();
    child = fork(path.join(import.meta.dirname, 'fixtures/sentry-app.ts'), [], {
      cwd: SERVER_DIR,
      execArgv: ['--import', 'tsx', '--import', './src/instrument.ts'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: databaseUrl(),
        SENTRY_DSN: receiver.dsn(),
        SENTRY_TRACES_SAMPLE_RATE: tracesSampleRate,
        RELEASE: 'test-release',
        BREADCRUMB_URL: `http://127.0.0.1:${receiver.port}/ping`,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => messages.push(m as { type: string }));
    const ready = await next('ready', 45_000);
    expect(ready.sentry, 'Sentry initialised by src/instrument.ts').to.equal(true);
    base = `http://127.0.0.1:${String(ready.port)}`;
  });

  after(async () => {
    if (child?.connected) {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await receiver.stop();
  });

  it('an unhandled route error arrives with the request id and user id, and no e-mail, key, token or cookie anywhere', async () => {
    const email = `sentry.ops${tracesSampleRate}@example.com`;
    const user = await makeUser({ email, role: 'super_admin' });
    const agent = request.agent(base);
    const login = await agent.post('/api/auth/login').send({ email, password: 'correct horse battery' });
    expect(login.status).to.equal(200);
    const cookie = String(login.headers['set-cookie'][0]).split(';')[0];
    const cookieValue = cookie.split('=')[1];
    const requestId = 'req-sentry-test-0001';
    const secrets = ['sk_live_51HxSecretKeyAbcdef', 'whsec_abcdef1234567890', 'reset-token-value-xyz789'];

    const res = await agent
      .post(`/api/admin/system/test-error?email=${encodeURIComponent(email)}&token=${secrets[2]}`)
      .set('x-request-id', requestId)
      .set('authorization', `Bearer ${secrets[0]}`)
      .set('stripe-signature', 't=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd')
      .send({ message: `Failed for ${email} using ${secrets[0]} and ${secrets[1]}, password=hunter2 token=${secrets[2]}` });
    expect(res.status).to.equal(500);
    expect(res.body.errorId).to.match(/^[0-9a-f-]{36}$/);
    expect(res.body.sentryEventId).to.match(/^[0-9a-f]{32}$/);

    await flush();
    await receiver.waitFor(() => receiver.events().some((e) => e.event_id === res.body.sentryEventId));
    const event = receiver.events().find((e) => e.event_id === res.body.sentryEventId)! as { tags: Record<string, string>; user: { id: string }; exception: { values: Array<{ type: string; value: string }> }; release: string; environment: string };
    expect(event.tags.request_id).to.equal(requestId);
    expect(event.tags.error_id).to.equal(res.body.errorId);
    expect(event.user).to.deep.equal({ id: user.id });
    expect(event.exception.values[0].type).to.equal('TestError');
    expect(event.exception.values[0].value).to.include('[email]');
    expect(event.release).to.equal('test-release');
    expect(event.environment).to.equal('test');

    const raw = receiver.envelopes.map((e) => e.raw).join('\n');
    for (const leak of [email, encodeURIComponent(email), ...secrets, 'hunter2', cookieValue, 'socrates_sid=', 'crumb.person@example.com', 'crumb-secret-token-123', '5257a869e7ecebeda32a']) {
      expect(raw, `leaked ${leak}`).to.not.include(leak);
    }
    // the stored event links to the Sentry event, and it is scrubbed too
    const stored = await SystemLog.findByPk(res.body.errorId);
    expect(stored?.sentryEventId).to.equal(res.body.sentryEventId);
    expect(stored?.requestId).to.equal(requestId);
    expect(stored?.userId).to.equal(user.id);
    expect(JSON.stringify(stored)).to.not.include(email).and.not.include(secrets[0]);
  });

  it('a failed job arrives too, scrubbed', async () => {
    child.send({ type: 'enqueue-failing-job', data: { email: 'job.owner@example.com', key: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' } });
    await next('enqueued');
    await receiver.waitFor(() => receiver.events().some((e) => (e.tags as Record<string, string> | undefined)?.component === 'job'), 20_000).catch(async () => {
      await flush();
      await receiver.waitFor(() => receiver.events().some((e) => (e.tags as Record<string, string> | undefined)?.component === 'job'));
    });
    await flush();
    const event = receiver.events().find((e) => (e.tags as Record<string, string>).component === 'job') as { exception: { values: Array<{ value: string }> }; contexts: { details?: { job?: string } } };
    expect(event.exception.values[0].value).to.equal('Nightly export failed for [email] with key [stripe-key]');
    expect(event.contexts.details?.job).to.equal('observability.test-failure');
    const raw = receiver.envelopes.map((e) => e.raw).join('\n');
    expect(raw).to.not.include('job.owner@example.com').and.not.include('sk_test_4eC39HqLyjWDarjtT1zdp7dc');
    const stored = await SystemLog.findOne({ where: { component: 'job' }, order: [['createdAt', 'DESC']] });
    expect(stored?.message).to.equal('Nightly export failed for [email] with key [stripe-key]');
  });
});
