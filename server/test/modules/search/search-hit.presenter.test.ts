import { expect } from 'chai';
import { presentHit } from '../../../src/modules/search/search-hit.presenter';
import type { SearchDocument } from '../../../src/modules/search/search-engine';

const intake: SearchDocument = {
  id: 'intake-1',
  type: 'intake',
  sourceId: '1',
  title: 'River Carter',
  body: 'Wants a security review before the launch',
  extra: 'Davis-Carter river.carter@example.net',
  terms: '',
  ownerId: 'owner-1',
  ownerName: 'Ada Owner',
  status: 'new',
  date: '2026-11-20T10:00:00.000Z',
  meta: { company: 'Davis-Carter', email: 'river.carter@example.net' },
};

describe('search hit presenter', () => {
  it('quotes the body when the title matches, not the e-mail the metadata shows anyway', () => {
    const hit = presentHit({ doc: intake, score: 1 }, ['carter'], 'portal');
    expect(hit.highlight.title).to.equal('River <mark>Carter</mark>');
    expect(hit.highlight.excerpt).to.equal('Wants a security review before the launch');
    expect(hit.metadata.email).to.equal('river.carter@example.net');
  });

  it('quotes the secondary fields when they alone match, to show why the document was found', () => {
    // found by e-mail: the name matches too, the rest of the address only in the secondary fields
    const hit = presentHit({ doc: intake, score: 1 }, ['river', 'carter', 'example', 'net'], 'portal');
    expect(hit.highlight.excerpt).to.equal('Davis-<mark>Carter</mark> <mark>river</mark>.<mark>carter</mark>@<mark>example</mark>.<mark>net</mark>');
    const byCompany = presentHit({ doc: { ...intake, title: 'Irma Koch' }, score: 1 }, ['carter'], 'portal');
    expect(byCompany.highlight.excerpt).to.equal('Davis-<mark>Carter</mark> river.<mark>carter</mark>@example.net');
  });

  it('quotes the body where it matches, whatever the title', () => {
    const hit = presentHit({ doc: intake, score: 1 }, ['security'], 'admin');
    expect(hit.highlight.excerpt).to.equal('Wants a <mark>security</mark> review before the launch');
    expect(hit.link).to.equal('/users/owner-1');
  });
});
