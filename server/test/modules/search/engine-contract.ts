import { expect } from 'chai';
import type { SearchEngine, SearchFilters } from '../../../src/modules/search/search-engine';
import { presentHit } from '../../../src/modules/search/search-hit.presenter';
import { queryWords } from '../../../src/modules/search/code-terms';
import { ALL_DOCS, CORPUS, OWNER_A, OWNER_B } from './corpus';

const C = CORPUS;

/**
 * One contract for every SearchEngine: the same queries on the same corpus give the same ids (as sets,
 * and in order where ranking is defined) and the same highlighting. Run by each engine's test file.
 */
export function engineContract(getEngine: () => SearchEngine): void {
  const ids = async (q: string, filters: SearchFilters = {}, limit = 50, offset = 0) =>
    (await getEngine().search({ q, filters, limit, offset })).hits.map((h) => h.doc.id);
  const sorted = async (q: string, filters: SearchFilters = {}) => (await ids(q, filters)).sort();
  const expectIds = (...docs: Array<{ id: string }>) => docs.map((d) => d.id).sort();

  it('finds camelCase, snake_case and dotted identifiers by their words ("invoice total", "parse invoice")', async () => {
    expect(await sorted('invoice total')).to.deep.equal(expectIds(C.camel, C.dotted, C.snake));
    expect(await sorted('parse invoice')).to.deep.equal(expectIds(C.camel, C.snake));
    expect(await sorted('parseInvoiceTotal')).to.deep.equal(expectIds(C.camel, C.snake));
    expect(await sorted('billing.invoice.total')).to.deep.equal(expectIds(C.dotted));
  });

  it('requires every word, and treats the last word as a prefix', async () => {
    expect(await sorted('weather sensors')).to.deep.equal(expectIds(C.weather));
    expect(await sorted('weather refunds')).to.deep.equal([]);
    expect(await sorted('storef')).to.deep.equal(expectIds(C.titled, C.bodied));
  });

  it('ranks a title match above a body-only match', async () => {
    const order = await ids('payments', { types: ['project'] });
    expect(order).to.deep.equal([C.titled.id, C.bodied.id]);
  });

  it('filters by type, owner, status and date range', async () => {
    expect(await sorted('invoice', { types: ['snippet'] })).to.deep.equal(expectIds(C.camel, C.dotted, C.snake));
    expect(await sorted('invoice', { types: ['snippet'], ownerId: OWNER_A })).to.deep.equal(expectIds(C.camel, C.dotted));
    expect(await sorted('invoice', { ownerId: OWNER_B })).to.deep.equal(expectIds(C.snake));
    expect(await sorted('weather', { status: 'completed' })).to.deep.equal(expectIds(C.weather));
    expect(await sorted('weather', { status: 'active', types: ['project'] })).to.deep.equal([]);
    expect(await sorted('invoice', { dateFrom: C.dotted.date, dateTo: new Date(Date.parse(C.dotted.date) + 1).toISOString() })).to.deep.equal(expectIds(C.dotted));
    expect(await sorted('invoices', { types: ['analysis', 'intake'] })).to.deep.equal(expectIds(C.analysis));
  });

  it('finds people by e-mail and name (the user type)', async () => {
    expect(await sorted('ghopper@navy.example')).to.deep.equal(expectIds(C.user));
    expect(await sorted('grace', { types: ['user'] })).to.deep.equal(expectIds(C.user));
    expect(await sorted('mhamilton')).to.deep.equal(expectIds(C.intake));
  });

  it('pages with limit/offset and counts every match', async () => {
    const all = await getEngine().search({ q: 'invoice', filters: {}, limit: 2, offset: 0 });
    expect(all.total).to.equal(4);
    expect(all.hits).to.have.length(2);
    const rest = await getEngine().search({ q: 'invoice', filters: {}, limit: 2, offset: 2 });
    expect(rest.hits).to.have.length(2);
    expect([...all.hits, ...rest.hits].map((h) => h.doc.id).sort()).to.deep.equal(expectIds(C.camel, C.dotted, C.snake, C.analysis));
  });

  it('returns documents unchanged, so highlighting is the same from every engine', async () => {
    const res = await getEngine().search({ q: 'invoice total', filters: { types: ['snippet'] }, limit: 10, offset: 0 });
    const byId = Object.fromEntries(res.hits.map((h) => [h.doc.id, presentHit(h, queryWords('invoice total'), 'portal')]));
    expect(byId[C.camel.id].highlight.excerpt).to.contain('parse<mark>InvoiceTotal</mark>(lines)');
    expect(byId[C.dotted.id].highlight.excerpt).to.contain('billing.<mark>invoice</mark>.<mark>total</mark>');
    expect(byId[C.snake.id].highlight.excerpt).to.contain('parse_<mark>invoice</mark>_<mark>total</mark>');
    for (const h of res.hits) expect(h.doc).to.deep.equal(ALL_DOCS.find((d) => d.id === h.doc.id));
    const intake = (await getEngine().search({ q: 'audit', filters: {}, limit: 5, offset: 0 })).hits[0];
    const shown = presentHit(intake, ['audit'], 'portal').highlight.excerpt;
    expect(shown).to.equal('Wants a code <mark>audit</mark> &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('suggests titles for a prefix, within the filters', async () => {
    // the project by its title first, then the snippet whose project is named so
    expect(await getEngine().suggest('weath', {}, 5)).to.deep.equal(['Weather station', 'ledger.rb']);
    expect(await getEngine().suggest('weath', { ownerId: OWNER_A }, 5)).to.deep.equal([]);
    expect(await getEngine().suggest('weath', { types: ['project'] }, 5)).to.deep.equal(['Weather station']);
    expect(await getEngine().suggest('', {}, 5)).to.deep.equal([]);
  });

  it('updates and removes documents', async () => {
    const e = getEngine();
    await e.upsert([{ ...C.weather, title: 'Rain gauge', terms: 'rain gauge' }]);
    expect(await sorted('weather station')).to.deep.equal(expectIds(C.snake));
    expect(await sorted('rain gauge')).to.deep.equal(expectIds(C.weather));
    await e.remove([C.weather.id]);
    expect(await sorted('rain gauge')).to.deep.equal([]);
    await e.upsert([C.weather]);
  });

  it('searches several types at once with a page and a total per type', async () => {
    const groups = await getEngine().searchGroups({ q: 'payments', filters: {}, limit: 1, offset: 0 }, ['project', 'snippet', 'intake']);
    expect(groups.project.total).to.equal(2);
    expect(groups.project.hits.map((h) => h.doc.id)).to.deep.equal([C.titled.id]);
    expect(groups.snippet.total).to.equal(2);
    expect(groups.snippet.hits).to.have.length(1);
    expect(groups.intake).to.deep.equal({ hits: [], total: 0 });
    const paged = await getEngine().searchGroups({ q: 'invoice', filters: { ownerId: OWNER_A }, limit: 1, offset: 1 }, ['snippet']);
    expect(paged.snippet.total).to.equal(2);
    expect(paged.snippet.hits).to.have.length(1);
    const past = await getEngine().searchGroups({ q: 'invoice', filters: {}, limit: 5, offset: 10 }, ['snippet']);
    expect(past.snippet).to.deep.equal({ hits: [], total: 3 });
  });

  it('answers a ping', async () => {
    await getEngine().ping();
  });
}

/** Loads the corpus into an empty engine. */
export async function loadCorpus(engine: SearchEngine): Promise<void> {
  await engine.setup();
  await engine.clear();
  await engine.upsert(ALL_DOCS);
}
