import { expect } from 'chai';
import pg from 'pg';
import { clock } from '../../../src/lib/clock';
import {
  cachedSession,
  forgetSessions,
  keepSession,
  listenForAuthChanges,
  sessionCacheGeneration,
  stopListeningForAuthChanges,
} from '../../../src/modules/auth/session-cache';
import type { AuthContext } from '../../../src/http/auth-context';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { testDatabaseUrl } from '../../support/root-hooks';
import { eventually } from '../../support/eventually';

/** Runs SQL on a connection of its own, as another process or psql would; optionally without firing triggers. */
async function elsewhere(sql: string, params: unknown[], opts: { withoutTriggers?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    if (opts.withoutTriggers) await client.query(`SET session_replication_role = replica`);
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe('session cache', () => {
  beforeEach(resetDatabase);
  afterEach(() => clock.reset());

  it('serves a session resolved a moment ago without reading it again, for at most five seconds', async () => {
    const user = await makeUser({ email: 'kept@example.com' });
    const agent = await signIn('kept@example.com');
    expect((await agent.get('/api/auth/me')).status).to.equal(200);
    // Deleted behind the cache's back (triggers off, so no notice): the kept session still answers...
    await elsewhere(`DELETE FROM sessions WHERE user_id = $1`, [user.id], { withoutTriggers: true });
    expect((await agent.get('/api/auth/me')).status).to.equal(200);
    // ...until it is five seconds old, then the database is asked again.
    clock.advance(5_001);
    expect((await agent.get('/api/auth/me')).status).to.equal(401);
  });

  it('forgets every session when another process ends one (auth_changed), without any request to this API', async () => {
    const user = await makeUser({ email: 'revoked@example.com' });
    const agent = await signIn('revoked@example.com');
    expect((await agent.get('/api/auth/me')).status).to.equal(200);
    await elsewhere(`DELETE FROM sessions WHERE user_id = $1`, [user.id]);
    await eventually(async () => (await agent.get('/api/auth/me')).status === 401);
  });

  it('shows a role change made elsewhere to the admin at once', async () => {
    const admin = await makeUser({ email: 'support@example.com', role: 'support_admin' });
    const agent = await signIn('support@example.com');
    expect((await agent.get('/api/admin/users')).status).to.equal(200);
    await elsewhere(`UPDATE admin_users SET role = 'billing_admin' WHERE user_id = $1`, [admin.id]);
    await eventually(async () => (await agent.get('/api/auth/me')).body.user?.role === 'billing_admin');
  });

  it('sees a change made through this API on the very next request', async () => {
    await makeUser({ email: 'root@example.com', role: 'super_admin' });
    const customer = await makeUser({ email: 'cust@example.com' });
    const root = await signIn('root@example.com');
    const cust = await signIn('cust@example.com');
    expect((await cust.get('/api/auth/me')).status).to.equal(200);
    expect((await root.post(`/api/admin/users/${customer.id}/suspend`).send({ reason: 'Chargeback fraud' })).status).to.equal(200);
    expect((await cust.get('/api/auth/me')).status).to.equal(401);
  });

  it('keeps nothing while the listener is down, and nothing looked up before a change', async () => {
    const user = await makeUser({ email: 'nolistener@example.com' });
    const agent = await signIn('nolistener@example.com');
    await stopListeningForAuthChanges();
    try {
      expect((await agent.get('/api/auth/me')).status).to.equal(200);
      await elsewhere(`DELETE FROM sessions WHERE user_id = $1`, [user.id], { withoutTriggers: true });
      expect((await agent.get('/api/auth/me')).status).to.equal(401);
    } finally {
      await listenForAuthChanges(testDatabaseUrl());
    }
    // A lookup that started before a change is not kept.
    const auth = { sessionId: 's', user: { id: user.id } } as unknown as AuthContext;
    const generation = sessionCacheGeneration();
    forgetSessions();
    keepSession('hash', generation, { auth, sessionExpiresAt: Date.now() + 60_000, lastSeenAt: Date.now() });
    expect(cachedSession('hash')).to.equal(undefined);
    keepSession('hash', sessionCacheGeneration(), { auth, sessionExpiresAt: Date.now() + 60_000, lastSeenAt: Date.now() });
    expect(cachedSession('hash')?.auth).to.equal(auth);
  });

  it('listens again by itself after its connection is cut, and then keeps sessions again', async () => {
    const user = await makeUser({ email: 'cut@example.com' });
    await elsewhere(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'socrates-auth-listener'`, []);
    // Reconnected (within about a second): a session is kept again, so a deletion without notice goes unseen.
    await eventually(async () => {
      const agent = await signIn('cut@example.com');
      await agent.get('/api/auth/me');
      await elsewhere(`DELETE FROM sessions WHERE user_id = $1`, [user.id], { withoutTriggers: true });
      return (await agent.get('/api/auth/me')).status === 200;
    }, 5_000);
  });
});
