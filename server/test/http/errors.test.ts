import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src/http/error-handler';
import { AppError } from '../../src/http/errors';
import { setErrorReporter } from '../../src/lib/error-reporter';
import { app } from '../support/app';

describe('errors', () => {
  // The test below swaps the reporter; later files expect the real one (errors stored and grouped).
  after(() => setErrorReporter(null));

  it('unknown /api paths answer 404 JSON', async () => {
    const res = await request(app()).get('/api/no/such/thing');
    expect(res.status).to.equal(404);
    expect(res.body).to.deep.equal({ statusCode: 404, code: 'route_not_found', message: 'No API route for GET /api/no/such/thing' });
  });

  it('malformed JSON is a 400', async () => {
    const res = await request(app()).post('/api/auth/login').set('content-type', 'application/json').send('{"email": ');
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('malformed_json');
  });

  it('unexpected errors answer 500 with a generic message and an errorId that is reported, never a stack', async () => {
    const reported: Array<Record<string, unknown>> = [];
    setErrorReporter((_err, ctx) => reported.push(ctx));
    const broken = express();
    broken.get('/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    broken.get('/typed', () => {
      throw new AppError(409, 'already_exists', 'It exists');
    });
    broken.use(errorHandler);
    const res = await request(broken).get('/boom');
    expect(res.status).to.equal(500);
    expect(res.body.code).to.equal('internal_error');
    expect(res.body.errorId).to.match(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(res.body)).to.not.include('secret internals');
    expect(reported[0].errorId).to.equal(res.body.errorId);
    const typed = await request(broken).get('/typed');
    expect(typed.status).to.equal(409);
    expect(typed.body).to.deep.equal({ statusCode: 409, code: 'already_exists', message: 'It exists' });
  });

  it('the SPA prefixes serve HTML and / redirects to the portal', async () => {
    const root = await request(app()).get('/');
    expect(root.status).to.equal(302);
    expect(root.headers.location).to.equal('/portal/');
  });
});

describe('OpenAPI', () => {
  it('describes every route with its parameters, and serves a docs page', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.0.3');
    const paths = Object.keys(res.body.paths);
    expect(paths).to.include.members(['/api/auth/login', '/api/admin/users', '/api/admin/users/{id}', '/api/admin/roles/{name}', '/api/projects/{id}/analyses', '/api/intakes/{id}', '/api/health', '/api/config']);
    const users = res.body.paths['/api/admin/users'].get;
    expect(users.description).to.include('users.read');
    expect(users.parameters.map((p: { name: string }) => p.name)).to.include.members(['_start', '_end', '_sort', '_order', 'q', 'status', 'createdAt_gte']);
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).to.have.keys('email', 'password');
    const docs = await request(app()).get('/api/docs/');
    expect(docs.status).to.equal(200);
    expect(docs.text).to.include('swagger-ui-bundle.js');
    expect((await request(app()).get('/api/docs/swagger-ui-bundle.js')).status).to.equal(200);
  });

  it('health and config are public', async () => {
    expect((await request(app()).get('/api/health')).body).to.deep.equal({ status: 'ok' });
    const config = await request(app()).get('/api/config');
    expect(config.body).to.deep.equal({ environment: 'test', release: 'dev', maintenance: { enabled: false, message: null }, sentryDsn: null, stripePublishableKey: null });
  });
});
