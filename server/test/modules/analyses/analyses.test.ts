import { expect } from 'chai';
import { runAnalysis } from '../../../src/modules/analyses/analyses.service';
import { Analysis } from '../../../src/modules/analyses/analysis.models';
import { BuiltinAnalyzer } from '../../../src/modules/analyses/analyzer';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';

const CODE = ['function load(input) {', '  // TODO: validate input', '  const password = "hunter2hunter2";', '  return eval(input);', '}', ''].join('\n');

describe('analyses through the API and the job queue', () => {
  let agent: Awaited<ReturnType<typeof signIn>>;
  let ownerId: string;
  beforeEach(async () => {
    await resetDatabase();
    ownerId = (await makeUser({ email: 'an@example.com' })).id;
    agent = await signIn('an@example.com');
  });

  it('queues an analysis (202), a job completes it, and the findings come from the snippet\'s text', async () => {
    const project = await agent.post('/api/projects').send({ name: 'Analysed' });
    const snippet = await agent.post(`/api/projects/${project.body.id}/snippets`).send({ filename: 'load.js', language: 'javascript', content: CODE });
    const queued = await agent.post(`/api/projects/${project.body.id}/analyses`).send({ snippetId: snippet.body.id, type: 'security' });
    expect(queued.status).to.equal(202);
    expect(queued.body).to.include({ status: 'queued', type: 'security', snippetFilename: 'load.js', qualityScore: null });

    let done = queued.body;
    for (let i = 0; i < 100 && done.status !== 'completed' && done.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = (await agent.get(`/api/analyses/${queued.body.id}`)).body;
    }
    expect(done.status).to.equal('completed');
    const expected = await new BuiltinAnalyzer().analyze({ filename: 'load.js', language: 'javascript', content: CODE, type: 'security' });
    expect(done.findings).to.deep.equal(expected.findings);
    expect(done.findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).to.deep.include.members([['hardcoded-secret', 3]]);
    expect(done.qualityScore).to.equal(expected.qualityScore);
    expect(JSON.stringify(done.findings)).to.not.include('hunter2');
    const list = await agent.get(`/api/projects/${project.body.id}/analyses`);
    expect(list.headers['x-total-count']).to.equal('1');
  });

  it('running a finished analysis again changes nothing (redelivered jobs are harmless)', async () => {
    const project = await agent.post('/api/projects').send({ name: 'Twice' });
    const snippet = await agent.post(`/api/projects/${project.body.id}/snippets`).send({ filename: 'a.js', language: 'javascript', content: CODE });
    const a = await Analysis.create({ projectId: project.body.id, ownerId, snippetId: snippet.body.id, snippetFilename: 'a.js', type: 'quality' });
    const analyzer = new BuiltinAnalyzer();
    await runAnalysis(analyzer, a.id);
    const first = await Analysis.findByPk(a.id);
    await runAnalysis(analyzer, a.id);
    const second = await Analysis.findByPk(a.id);
    expect(first!.status).to.equal('completed');
    expect(second!.completedAt!.getTime()).to.equal(first!.completedAt!.getTime());
  });
});
