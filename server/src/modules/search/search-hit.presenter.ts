import type { EngineHit } from './search-engine';
import { excerpt, markAll, matchedWords } from './highlight';

export interface SearchHit {
  type: EngineHit['doc']['type'];
  id: string;
  title: string;
  highlight: { title: string; excerpt: string };
  metadata: { date: string; ownerId: string | null; ownerName: string | null; status: string | null } & Record<string, unknown>;
  link: string;
  score: number;
}

/**
 * Where a hit opens: portal paths for customers, console paths for admins (the console shows people, so
 * a customer's project opens its owner's page).
 */
function linkOf(hit: EngineHit, app: 'portal' | 'admin'): string {
  const d = hit.doc;
  if (app === 'admin') return `/users/${d.type === 'user' ? d.sourceId : d.ownerId}`;
  switch (d.type) {
    case 'project':
      return `/projects/${d.sourceId}`;
    case 'snippet':
      return `/projects/${d.meta.projectId}?snippet=${d.sourceId}`;
    case 'analysis':
      return `/analyses/${d.sourceId}`;
    case 'intake':
      return `/intakes/${d.sourceId}`;
    default:
      return `/search`;
  }
}

/** The API shape of a hit, identical for both engines: highlighting is computed here from the original text. */
export function presentHit(hit: EngineHit, words: string[], app: 'portal' | 'admin'): SearchHit {
  const d = hit.doc;
  // The secondary fields (a user's or an intake's e-mail, an analysis' type and file) are in the metadata
  // too: the excerpt quotes them only when they match a word the title does not, to show why it was found.
  const inTitle = matchedWords(d.title, words);
  const texts = [...matchedWords(d.extra, words)].some((w) => !inTitle.has(w)) ? [d.body, d.extra] : [d.body];
  return {
    type: d.type,
    id: d.sourceId,
    title: d.title,
    highlight: { title: markAll(d.title, words), excerpt: excerpt(texts, words) },
    metadata: { ...d.meta, date: d.date, ownerId: d.ownerId, ownerName: d.ownerName, status: d.status },
    link: linkOf(hit, app),
    score: Math.round(hit.score * 10_000) / 10_000,
  };
}
