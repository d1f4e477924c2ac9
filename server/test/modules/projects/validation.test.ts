import { expect } from 'chai';
import { Intake } from '../../../src/modules/intakes/intake.models';
import { Analysis } from '../../../src/modules/analyses/analysis.models';
import { Project, Snippet } from '../../../src/modules/projects/project.models';
import { resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';

describe('validation: bad bodies answer 400 with field errors and write nothing', () => {
  let agent: Awaited<ReturnType<typeof signIn>>;
  let projectId: string;
  let snippetId: string;

  before(async () => {
    await resetDatabase();
    const u = await makeUser({ email: 'v@example.com' });
    projectId = (await makeProject(u.id, { name: 'Valid' })).id;
    snippetId = (await makeSnippet(u.id, projectId)).id;
    agent = await signIn('v@example.com');
  });

  async function counts() {
    return [await Project.count(), await Snippet.count(), await Analysis.count(), await Intake.count()];
  }

  const cases: Array<[string, 'post' | 'patch', () => string, object | (() => object), string[]]> = [
    ['project without a name', 'post', () => '/api/projects', { description: 'x' }, ['name']],
    ['project with completion out of range and a bad status', 'post', () => '/api/projects', { name: 'P', completionPercentage: 150, status: 'done' }, ['completionPercentage', 'status']],
    ['project with an unknown field', 'post', () => '/api/projects', { name: 'P', owner: 'someone-else' }, ['body']],
    ['project rename to blank', 'patch', () => `/api/projects/${projectId}`, { name: '   ' }, ['name']],
    ['snippet with a path as file name and an unknown language', 'post', () => `/api/projects/${projectId}/snippets`, { filename: '../etc/passwd', language: 'cobol', content: 'x' }, ['filename', 'language']],
    ['snippet over the size limit', 'post', () => `/api/projects/${projectId}/snippets`, { filename: 'big.js', language: 'javascript', content: 'x'.repeat(100 * 1024 + 1) }, ['content']],
    ['analysis of an unknown type', 'post', () => `/api/projects/${projectId}/analyses`, () => ({ snippetId, type: 'vibes' }), ['type']],
    ['analysis without a snippet', 'post', () => `/api/projects/${projectId}/analyses`, { type: 'quality' }, ['snippetId']],
    ['intake with a bad e-mail', 'post', () => '/api/intakes', { customerName: 'Acme', email: 'acme' }, ['email']],
    ['intake with a bad status', 'patch', () => '/api/intakes/00000000-0000-4000-8000-000000000000', { status: 'maybe' }, ['status']],
  ];

  for (const [name, method, path, body, fields] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await agent[method](path()).send(typeof body === 'function' ? body() : body);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body).to.include({ statusCode: 400, code: 'validation_failed' });
      expect(res.body.errors).to.have.all.keys(...fields);
      expect(await counts()).to.deep.equal(before);
    });
  }

  it('accepts a relative path as file name', async () => {
    const res = await agent.post(`/api/projects/${projectId}/snippets`).send({ filename: 'src/billing/invoice.ts', language: 'typescript', content: 'export {};' });
    expect(res.status).to.equal(201);
    await agent.delete(`/api/snippets/${res.body.id}`);
  });

  it('names the snippet size limit in the message', async () => {
    const res = await agent.post(`/api/projects/${projectId}/snippets`).send({ filename: 'big.js', language: 'javascript', content: 'x'.repeat(100 * 1024 + 1) });
    expect(res.body.errors.content).to.deep.equal(['Snippets are limited to 100 KB']);
  });

  it('a body over the JSON limit is a 413, not a 500', async () => {
    const res = await agent.post(`/api/projects/${projectId}/snippets`).send({ filename: 'huge.js', language: 'javascript', content: 'x'.repeat(300 * 1024) });
    expect(res.status).to.equal(413);
    expect(res.body.code).to.equal('payload_too_large');
  });

  it('a snippet of another project is refused as a field error', async () => {
    const other = await agent.post('/api/projects').send({ name: 'Other' });
    const res = await agent.post(`/api/projects/${other.body.id}/analyses`).send({ snippetId, type: 'quality' });
    expect(res.status).to.equal(400);
    expect(res.body.errors.snippetId).to.deep.equal(['No such snippet in this project']);
  });
});
