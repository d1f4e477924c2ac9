import { expect } from 'chai';
import { correctWords, editDistance, typoBudget, type WordCandidates } from '../../../src/modules/search/spelling';

const known = (word: string, over: Partial<WordCandidates> = {}): WordCandidates => ({ word, exact: false, prefix: false, similar: [], ...over });

describe('spelling ("did you mean")', () => {
  it('allows Meilisearch’s typo budget: none under five letters, one from five, two from nine, none in numbers', () => {
    expect(['tset', 'retry', 'invoices', 'debouncer', 'customer16666'].map(typoBudget)).to.deep.equal([0, 1, 1, 2, 0]);
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('retyr', 'retry')).to.equal(1);
    expect(editDistance('invoise', 'invoice')).to.equal(1);
    expect(editDistance('debonce', 'debounce')).to.equal(1);
    expect(editDistance('kitten', 'sitting')).to.equal(3);
    expect(editDistance('', 'abc')).to.equal(3);
  });

  it('corrects the unknown words to the closest similar word within the budget, and keeps the known ones', () => {
    const found = [known('invoise', { similar: ['invoices', 'invoice'] }), known('total', { exact: true })];
    expect(correctWords(['invoise', 'total'], found)).to.deep.equal(['invoice', 'total']);
  });

  it('keeps a last word that begins a known word (it is typed as a beginning)', () => {
    expect(correctWords(['debounce', 'tim'], [known('debounce', { exact: true }), known('tim', { prefix: true })])).to.equal(null);
    // …but a word before the last one must be whole
    expect(correctWords(['invoic', 'total'], [known('invoic', { prefix: true, similar: ['invoice'] }), known('total', { exact: true })])).to.deep.equal(['invoice', 'total']);
  });

  it('offers nothing when an unknown word has no match within its budget', () => {
    expect(correctWords(['retyr'], [known('retyr', { similar: ['return'] })])).to.equal(null);
    expect(correctWords(['tset'], [known('tset', { similar: ['test'] })])).to.equal(null, 'four letters: no typo allowed');
    expect(correctWords(['retyr', 'invoise'], [known('retyr', { similar: ['retry'] }), known('invoise', { similar: ['noise'] })])).to.equal(null);
  });
});
