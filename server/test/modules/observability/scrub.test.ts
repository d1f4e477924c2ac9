import { expect } from 'chai';
import { FILTERED, scrubEvent, scrubString } from '../../../src/modules/observability/scrub';
import { fingerprintOf, normaliseFile, parseStack } from '../../../src/modules/observability/fingerprint';
import { releaseName } from '../../../src/modules/observability/sentry';

describe('PII scrubbing', () => {
  it('replaces e-mails, Stripe keys and signatures, bearer tokens and secrets in query strings', () => {
    const out = scrubString(
      'user ana.lopez+x@example.co.uk (ana%40example.com) paid with sk_live_51HxAbcDEF and pk_test_12345678, rk_live_abcdef12, whsec_ZZZ12345, ' +
        'pi_123_secret_abc; Stripe-Signature: t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd; Authorization: Bearer abc.def.ghi123; ' +
        '/portal/reset-password?token=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5&next=1 password=hunter2 "apiKey": "k-123456" socrates_sid=s3ss10n',
    );
    for (const leak of ['ana.lopez', 'ana%40example', 'sk_live_51', 'pk_test_1', 'rk_live_', 'whsec_ZZZ', 'pi_123_secret', '5257a869e7', 'abc.def.ghi123', 'Zm9vYmFy', 'hunter2', 'k-123456', 's3ss10n']) {
      expect(out, leak).to.not.include(leak);
    }
    expect(out).to.include('[email]').and.include('[stripe-key]').and.include('[stripe-signature]').and.include(`token=${FILTERED}`).and.include('&next=1');
  });

  it('keeps what triage needs: ids, paths, function names, codes', () => {
    const s = 'at verifyToken (/srv/server/src/modules/auth/password-reset.service.ts:54:11) request 7d0b5c1e-8f2a-4c1b-9a57-1f0c2b3d4e5f code: internal_error';
    expect(scrubString(s)).to.equal(s);
  });

  it('walks the whole event: request, headers, cookies, query, breadcrumbs url.query, frames, extra, contexts, user', () => {
    const event = {
      event_id: 'a'.repeat(32),
      message: 'failed for bob@example.com',
      user: { id: 'u-1', email: 'bob@example.com', ip_address: '10.0.0.1', username: 'bob' },
      request: {
        url: 'https://app.test/api/x?email=bob%40example.com&token=abcdef123456',
        query_string: 'email=bob@example.com&token=abcdef123456',
        cookies: { socrates_sid: 'sess-secret' },
        headers: { cookie: 'socrates_sid=sess-secret', authorization: 'Bearer sk_live_zzzzzzzz', 'stripe-signature': 't=1,v1=ff', 'user-agent': 'UA' },
        data: { email: 'bob@example.com', password: 'pw', note: 'call bob@example.com' },
      },
      exception: { values: [{ type: 'Error', value: 'no user bob@example.com', stacktrace: { frames: [{ function: 'login', filename: '/srv/a.ts', context_line: "  const email = 'bob@example.com';", pre_context: ['const key = "sk_test_abcdefgh"'], vars: { password: 'pw', resetToken: 'tok', count: 3 } }] } }] },
      breadcrumbs: [{ category: 'http', data: { url: 'https://api.test/x', 'url.query': 'email=bob@example.com&token=t0k3n0000' }, message: 'GET /x?email=bob@example.com' }],
      extra: { nested: { deeper: ['bob@example.com', { secret: 'x' }] } },
      contexts: { billing: { customerEmail: 'bob@example.com', stripeKey: 'sk_test_12345678' } },
      tags: { request_id: 'req-1' },
    };
    const out = scrubEvent(event);
    const raw = JSON.stringify(out);
    for (const leak of ['bob@example.com', 'bob%40example.com', 'sess-secret', 'sk_live_', 'sk_test_', 'abcdef123456', 't0k3n0000', '"pw"', '"tok"', '10.0.0.1', '"x"']) expect(raw, leak).to.not.include(leak);
    expect(out.user).to.deep.equal({ id: 'u-1' });
    expect(out.request).to.not.have.property('cookies');
    expect(out.request.headers).to.deep.equal({ 'user-agent': 'UA' });
    expect(out.event_id).to.equal('a'.repeat(32));
    expect(out.tags.request_id).to.equal('req-1');
    expect(out.exception.values[0].stacktrace.frames[0].vars.count).to.equal(3);
    expect(event.user.email, 'the input is not mutated').to.equal('bob@example.com');
  });
});

describe('fingerprints', () => {
  const stackA = `TypeError: Cannot read properties of undefined (reading 'id')
    at presentUser (/work/main/server/src/modules/users/user.presenter.ts:12:5)
    at async listUsers (/work/main/server/src/modules/admin/users/list-users.service.ts:40:10)
    at async handle (/work/main/server/src/http/route.ts:80:24)
    at Layer.handleRequest (/work/main/node_modules/router/lib/layer.js:152:17)`;

  it('parses V8 and Firefox frames and normalises files (checkout prefix, bundle hash, origin)', () => {
    expect(parseStack(stackA).slice(0, 2)).to.deep.equal([
      { fn: 'presentUser', file: 'server/src/modules/users/user.presenter.ts' },
      { fn: 'listUsers', file: 'server/src/modules/admin/users/list-users.service.ts' },
    ]);
    expect(parseStack('render@https://ops.example.com/admin/assets/index-Bx12abCD.js:1:200')).to.deep.equal([{ fn: 'render', file: '/admin/assets/index.js' }]);
    expect(normaliseFile('file:///srv/app/node_modules/express/lib/router.js')).to.equal('node_modules/express/lib/router.js');
  });

  it('is stable across line numbers and checkouts, and differs by type or frames', () => {
    const moved = stackA.replace(/\/work\/main/g, '/srv/app').replace(/:12:5/, ':99:1');
    const base = { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')", component: 'api' };
    expect(fingerprintOf({ ...base, stack: stackA })).to.equal(fingerprintOf({ ...base, stack: moved }));
    expect(fingerprintOf({ ...base, stack: stackA })).to.not.equal(fingerprintOf({ ...base, type: 'RangeError', stack: stackA }));
    expect(fingerprintOf({ ...base, stack: stackA })).to.not.equal(fingerprintOf({ ...base, stack: stackA.replace('presentUser', 'presentAdmin') }));
    // without a stack: grouped by the message with its variable parts removed
    expect(fingerprintOf({ ...base, message: 'Order 123 failed for 7d0b5c1e-8f2a-4c1b-9a57-1f0c2b3d4e5f' })).to.equal(fingerprintOf({ ...base, message: 'Order 456 failed for 11111111-2222-4333-8444-555555555555' }));
  });
});

describe('release name', () => {
  it('is RELEASE when set, otherwise the package version plus the commit when known', () => {
    expect(releaseName('2026.11.3')).to.equal('2026.11.3');
    expect(releaseName('dev')).to.match(/^socrates-ops@0\.1\.0(\+[0-9a-f]{7,12})?$/);
    const saved = process.env.GIT_SHA;
    process.env.GIT_SHA = 'abcdef1234567890';
    try {
      expect(releaseName(undefined)).to.equal('socrates-ops@0.1.0+abcdef123456');
    } finally {
      if (saved === undefined) delete process.env.GIT_SHA;
      else process.env.GIT_SHA = saved;
    }
  });
});
