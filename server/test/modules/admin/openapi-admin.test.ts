import { expect } from 'chai';
import request from 'supertest';
import { app } from '../../support/app';

describe('OpenAPI entries of the user-management routes', () => {
  it('documents the admin user, audit and impersonation routes with their permissions', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    const paths = res.body.paths as Record<string, Record<string, { description: string }>>;
    expect(paths['/api/admin/users/{id}/suspend'].post.description).to.include('users.suspend');
    expect(paths['/api/admin/users/{id}'].delete.description).to.include('users.delete');
    expect(paths['/api/admin/users/{id}/impersonate'].post.description).to.include('users.impersonate');
    expect(paths['/api/admin/audit-log/verify'].get.description).to.include('audit.read');
    expect(paths['/api/auth/impersonation/stop']).to.have.property('post');
  });
});
