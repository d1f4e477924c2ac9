import { expect } from 'chai';
import { codeTerms, queryWords } from '../../../src/modules/search/code-terms';

describe('code-aware terms', () => {
  it('splits camelCase, PascalCase, acronyms and digits; keeps the whole word too', () => {
    expect(codeTerms('export const parseHTTPResponse2 = 1')).to.equal('parsehttpresponse2 parse http response 2');
    expect(codeTerms('class ÄpfelBaum {}')).to.equal('äpfelbaum äpfel baum');
    expect(codeTerms('x1y2')).to.equal('x1y2 x 1 y 2');
  });

  it('splits snake_case, dotted and e-mail-like compounds, lower-case words included', () => {
    expect(codeTerms('parse_invoice_total(x)')).to.equal('parse invoice total');
    expect(codeTerms('billing.invoice.total')).to.equal('billing invoice total');
    expect(codeTerms('customer42@bench.example')).to.equal('customer42 customer 42 bench example');
  });

  it('adds nothing for plain words (the text itself is indexed)', () => {
    expect(codeTerms('return the total of every invoice')).to.equal('');
  });

  it('splits queries the same way', () => {
    expect(queryWords('parseInvoice  Total')).to.deep.equal(['parse', 'invoice', 'total']);
  });
});
