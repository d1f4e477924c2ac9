import { expect } from 'chai';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { MeilisearchEngine, MEILI_SETTINGS } from '../../../src/modules/search/engines/meilisearch';
import { MeilisearchEmulator } from '../../support/meilisearch-emulator';
import { engineContract, loadCorpus } from './engine-contract';
import { CORPUS } from './corpus';

const INDEX = 'socrates_test_documents';

describe('search engine contract: Meilisearch (local emulator)', () => {
  const emulator = new MeilisearchEmulator({ apiKey: 'test-master-key' });
  let engine: MeilisearchEngine;
  before(async () => {
    await emulator.start();
    engine = new MeilisearchEngine({ host: emulator.host, apiKey: 'test-master-key', indexUid: INDEX });
    await loadCorpus(engine);
  });
  after(async () => emulator.stop());
  engineContract(() => engine);

  it('applies the searchable, filterable and sortable attributes and ranking rules at setup', () => {
    expect(emulator.settings(INDEX)).to.deep.include(MEILI_SETTINGS);
  });
});

describe('Meilisearch adapter against the emulator: task and error semantics', () => {
  const emulator = new MeilisearchEmulator();
  let client: Meilisearch;
  before(async () => {
    await emulator.start();
    client = new Meilisearch({ host: emulator.host });
  });
  after(async () => emulator.stop());
  beforeEach(() => emulator.reset());

  it('shows documents only after their task has succeeded', async () => {
    emulator.taskDelayMs = 100;
    const engine = new MeilisearchEngine({ host: emulator.host, indexUid: 'visibility' });
    await engine.setup();
    const pending = client.index('visibility').addDocuments([{ ...CORPUS.titled, dateTs: 1 }]);
    const enqueued = await pending;
    expect(enqueued.status).to.equal('enqueued');
    expect((await engine.search({ q: 'payments', filters: {}, limit: 5, offset: 0 })).hits).to.have.length(0);
    const task = await pending.waitTask();
    expect(task.status).to.equal('succeeded');
    expect((await engine.search({ q: 'payments', filters: {}, limit: 5, offset: 0 })).hits.map((h) => h.doc.id)).to.deep.equal([CORPUS.titled.id]);
    emulator.taskDelayMs = 5;
  });

  it('fails a write whose task fails (the indexer then keeps the change and retries)', async () => {
    const engine = new MeilisearchEngine({ host: emulator.host, indexUid: 'failing' });
    await engine.setup();
    emulator.failNextTasks(1, 'no_space_left_on_device', 'disk full');
    let error: unknown;
    await engine.upsert([CORPUS.titled]).catch((e) => (error = e));
    expect(String(error)).to.match(/failed: no_space_left_on_device/);
    await engine.upsert([CORPUS.titled]);
    expect(emulator.documents('failing').map((d) => d.id)).to.deep.equal([CORPUS.titled.id]);
  });

  it('rejects invalid document ids in the task, not the request', async () => {
    const task = await client.index('ids').addDocuments([{ id: 'project:1', title: 'x' }]).waitTask();
    expect(task.status).to.equal('failed');
    expect(task.error?.code).to.equal('invalid_document_id');
  });

  it('answers index_not_found for a missing index; the adapter returns no hits', async () => {
    const err = await client.index('missing').search('x').catch((e) => e);
    expect(err).to.be.instanceOf(MeilisearchApiError);
    expect((err as MeilisearchApiError).cause?.code).to.equal('index_not_found');
    const engine = new MeilisearchEngine({ host: emulator.host, indexUid: 'missing' });
    expect(await engine.search({ q: 'x', filters: {}, limit: 5, offset: 0 })).to.deep.equal({ hits: [], total: 0 });
  });

  it('refuses filters on attributes that are not filterable', async () => {
    const engine = new MeilisearchEngine({ host: emulator.host, indexUid: 'filters' });
    await engine.setup();
    await engine.upsert([CORPUS.titled]);
    const err = await client.index('filters').search('payments', { filter: 'title = "Payments gateway"' }).catch((e) => e);
    expect((err as MeilisearchApiError).cause?.code).to.equal('invalid_search_filter');
    const ok = await client.index('filters').search('payments', { filter: 'status = "active"' });
    expect(ok.hits).to.have.length(1);
  });

  it('is unreachable while stopped and keeps its data when back', async () => {
    const engine = new MeilisearchEngine({ host: emulator.host, indexUid: 'outage' });
    await engine.setup();
    await engine.upsert([CORPUS.titled]);
    await emulator.stop();
    expect(await engine.ping().then(() => 'up', () => 'down')).to.equal('down');
    await emulator.start();
    await engine.ping();
    expect((await engine.search({ q: 'payments', filters: {}, limit: 5, offset: 0 })).total).to.equal(1);
  });
});

describe('search engine contract: real Meilisearch (MEILI_HOST)', function () {
  let engine: MeilisearchEngine;
  before(async function () {
    if (!process.env.MEILI_HOST) {
      console.log('      skipped: set MEILI_HOST (and MEILI_API_KEY) to run the contract against a real Meilisearch');
      this.skip();
    }
    engine = new MeilisearchEngine({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY, indexUid: `socrates_test_contract_${process.pid}` });
    await loadCorpus(engine);
  });
  after(async () => {
    if (engine) await new Meilisearch({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY }).deleteIndexIfExists(engine.options.indexUid);
  });
  engineContract(() => engine);
});
