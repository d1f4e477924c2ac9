import { expect } from 'chai';
import { Analysis } from '../../../src/modules/analyses/analysis.models';
import { Intake } from '../../../src/modules/intakes/intake.models';
import { Project, Snippet } from '../../../src/modules/projects/project.models';
import { resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';

describe('tenant isolation: customer B never reaches customer A\'s rows', () => {
  let b: Awaited<ReturnType<typeof signIn>>;
  const ids = { project: '', snippet: '', analysis: '', intake: '' };

  before(async () => {
    await resetDatabase();
    const alice = await makeUser({ email: 'alice@example.com' });
    await makeUser({ email: 'bob@example.com' });
    const project = await makeProject(alice.id, { name: 'Alice secret' });
    const snippet = await makeSnippet(alice.id, project.id);
    const analysis = await Analysis.create({ projectId: project.id, ownerId: alice.id, snippetId: snippet.id, snippetFilename: 'add.js', type: 'quality' });
    const intake = await Intake.create({ ownerId: alice.id, customerName: 'Acme', email: 'acme@example.com' });
    Object.assign(ids, { project: project.id, snippet: snippet.id, analysis: analysis.id, intake: intake.id });
    b = await signIn('bob@example.com');
  });

  const cases: Array<[method: 'get' | 'patch' | 'delete' | 'post', path: () => string, body?: () => object]> = [
    ['get', () => `/api/projects/${ids.project}`],
    ['patch', () => `/api/projects/${ids.project}`, () => ({ name: 'Mine now' })],
    ['delete', () => `/api/projects/${ids.project}`],
    ['get', () => `/api/projects/${ids.project}/snippets`],
    ['post', () => `/api/projects/${ids.project}/snippets`, () => ({ filename: 'x.js', language: 'javascript', content: 'x' })],
    ['get', () => `/api/snippets/${ids.snippet}`],
    ['patch', () => `/api/snippets/${ids.snippet}`, () => ({ content: 'stolen' })],
    ['delete', () => `/api/snippets/${ids.snippet}`],
    ['get', () => `/api/projects/${ids.project}/analyses`],
    ['post', () => `/api/projects/${ids.project}/analyses`, () => ({ snippetId: ids.snippet, type: 'security' })],
    ['get', () => `/api/analyses/${ids.analysis}`],
    ['get', () => `/api/intakes/${ids.intake}`],
    ['patch', () => `/api/intakes/${ids.intake}`, () => ({ status: 'rejected' })],
  ];

  for (const [method, path, body] of cases) {
    it(`${method.toUpperCase()} ${path.toString().replace(/^.*`(.*)`.*$/s, '$1').replace(/\$\{ids\.(\w+)\}/g, ':$1Id')} → 404`, async () => {
      const res = await b[method](path()).send(body?.());
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('not_found');
    });
  }

  it('lists show none of A\'s rows, and nothing of A\'s changed', async () => {
    expect((await b.get('/api/projects')).body).to.deep.equal([]);
    expect((await b.get('/api/intakes')).body).to.deep.equal([]);
    expect((await Project.findByPk(ids.project))!.name).to.equal('Alice secret');
    expect((await Snippet.findByPk(ids.snippet))!.content).to.include('return a + b');
    expect(await Snippet.count()).to.equal(1);
    expect(await Analysis.count()).to.equal(1);
    expect((await Intake.findByPk(ids.intake))!.status).to.equal('new');
  });

  it('a malformed id is a 404 too, not a 500', async () => {
    expect((await b.get('/api/projects/not-a-uuid')).status).to.equal(404);
  });
});
