import { codeTerms } from '../../../src/modules/search/code-terms';
import type { SearchDocument, SearchType } from '../../../src/modules/search/search-engine';

export const OWNER_A = '00000000-0000-4000-8000-00000000000a';
export const OWNER_B = '00000000-0000-4000-8000-00000000000b';

let n = 0;
function doc(type: SearchType, title: string, body: string, extra: string, over: Partial<SearchDocument> = {}): SearchDocument {
  n++;
  const sourceId = `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
  return {
    id: `${type}-${sourceId}`,
    type,
    sourceId,
    title,
    body,
    extra,
    terms: codeTerms(`${title} ${extra} ${body}`),
    ownerId: OWNER_A,
    ownerName: 'Ada Owner',
    status: null,
    date: `2026-0${Math.min(9, n)}-15T12:00:00.000Z`,
    meta: {},
    ...over,
  };
}

/** The fixed corpus both engines must answer the same way. Words are chosen far apart (no accidental typo matches). */
export const CORPUS = {
  camel: doc('snippet', 'invoices.ts', 'export function parseInvoiceTotal(lines) {\n  return lines.reduce((sum, l) => sum + l.cents, 0);\n}', 'typescript Payments gateway', { meta: { language: 'typescript', projectId: 'p1' } }),
  dotted: doc('snippet', 'billing.py', 'amount = billing.invoice.total\nprint(amount)', 'python Payments gateway', { meta: { language: 'python', projectId: 'p1' } }),
  snake: doc('snippet', 'ledger.rb', 'def parse_invoice_total(doc)\n  doc.sum\nend', 'ruby Weather station', { ownerId: OWNER_B, ownerName: 'Bob Owner', meta: { language: 'ruby', projectId: 'p2' } }),
  titled: doc('project', 'Payments gateway', 'Collects card payments for the storefront', '', { status: 'active' }),
  bodied: doc('project', 'Storefront', 'Handles refunds and payments reconciliation', '', { status: 'active' }),
  weather: doc('project', 'Weather station', 'Reads sensors every minute', '', { ownerId: OWNER_B, ownerName: 'Bob Owner', status: 'completed' }),
  analysis: doc('analysis', 'Security analysis of invoices.ts', 'no-eval Avoid eval on untrusted input', 'security invoices.ts', { status: 'completed', meta: { confidence: 0.9 } }),
  intake: doc('intake', 'Margaret Hamilton', 'Wants a code audit <script>alert(1)</script>', 'Apollo Labs mhamilton@apollo.example', { ownerId: OWNER_B, ownerName: 'Bob Owner', status: 'new' }),
  user: doc('user', 'Grace Hopper', '', 'ghopper@navy.example', { ownerId: null, ownerName: null, status: 'active' }),
};
export const ALL_DOCS = Object.values(CORPUS);
