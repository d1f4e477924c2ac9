import { expect } from 'chai';
import { anchorDayOf, daysIn, daysRemaining, nextPeriod, periodContaining } from '../../../src/modules/billing/periods';

const d = (iso: string) => new Date(iso);
const iso = (p: { start: Date; end: Date }) => [p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)];

describe('billing: periods anchored on the start day', () => {
  it('a period runs from the anchor day to the same day next month', () => {
    expect(iso(periodContaining(15, d('2026-03-20T10:00:00Z')))).to.deep.equal(['2026-03-15', '2026-04-15']);
    expect(iso(periodContaining(15, d('2026-03-10T10:00:00Z')))).to.deep.equal(['2026-02-15', '2026-03-15']);
    expect(iso(periodContaining(15, d('2026-03-15T00:00:00Z')))).to.deep.equal(['2026-03-15', '2026-04-15']); // starts inclusive
  });

  it('the 31st falls on the last day of shorter months and comes back after', () => {
    expect(iso(periodContaining(31, d('2026-01-31T12:00:00Z')))).to.deep.equal(['2026-01-31', '2026-02-28']);
    expect(iso(periodContaining(31, d('2026-03-05T00:00:00Z')))).to.deep.equal(['2026-02-28', '2026-03-31']);
    expect(iso(nextPeriod(31, d('2026-03-31T00:00:00Z')))).to.deep.equal(['2026-03-31', '2026-04-30']);
    expect(iso(periodContaining(31, d('2028-02-29T08:00:00Z')))).to.deep.equal(['2028-02-29', '2028-03-31']); // leap year
    expect(iso(periodContaining(30, d('2026-02-28T08:00:00Z')))).to.deep.equal(['2026-02-28', '2026-03-30']);
  });

  it('crosses the year', () => {
    expect(iso(periodContaining(20, d('2026-12-25T00:00:00Z')))).to.deep.equal(['2026-12-20', '2027-01-20']);
    expect(iso(periodContaining(20, d('2027-01-05T00:00:00Z')))).to.deep.equal(['2026-12-20', '2027-01-20']);
  });

  it('twelve consecutive periods chain without gaps', () => {
    let p = periodContaining(31, d('2026-01-31T00:00:00Z'));
    const starts: string[] = [];
    for (let i = 0; i < 12; i++) {
      starts.push(p.start.toISOString().slice(5, 10));
      const next = nextPeriod(31, p.end);
      expect(next.start.getTime()).to.equal(p.end.getTime());
      p = next;
    }
    expect(starts).to.deep.equal(['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31']);
  });

  it('counts days for day-based proration', () => {
    const p = periodContaining(1, d('2026-04-10T15:00:00Z')); // April: 30 days
    expect(daysIn(p)).to.equal(30);
    expect(daysRemaining(p, d('2026-04-10T15:00:00Z'))).to.equal(20); // day 10 used → 20 left
    expect(daysRemaining(p, d('2026-04-01T00:00:00Z'))).to.equal(29);
    expect(daysRemaining(p, d('2026-04-30T23:59:00Z'))).to.equal(0);
    expect(daysIn(periodContaining(1, d('2026-02-10T00:00:00Z')))).to.equal(28);
  });

  it('the anchor is the UTC day of the start', () => {
    expect(anchorDayOf(d('2026-05-31T23:30:00Z'))).to.equal(31);
    expect(() => periodContaining(0, d('2026-01-01T00:00:00Z'))).to.throw(RangeError);
  });
});
