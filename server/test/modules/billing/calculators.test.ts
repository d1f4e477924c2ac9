import { expect } from 'chai';
import { divideRounded, formatCents, percentOf } from '../../../src/modules/billing/money';
import { computeProration } from '../../../src/modules/billing/calculators/compute-proration';
import { computeOverage } from '../../../src/modules/billing/calculators/compute-overage';
import { computeInvoiceTotals } from '../../../src/modules/billing/calculators/compute-invoice-totals';

describe('billing: money and calculators (exact cents)', () => {
  describe('money', () => {
    it('rounds half up, once, in integer arithmetic', () => {
      expect(divideRounded(800_000, 30)).to.equal(26_667); // 26,666.67 → 26,667
      expect(divideRounded(799_990, 30)).to.equal(26_666); // 26,666.33 → 26,666
      expect(divideRounded(1, 2)).to.equal(1); // 0.5 → 1 (half up)
      expect(divideRounded(3, 2)).to.equal(2); // 1.5 → 2
      expect(divideRounded(5, 4)).to.equal(1); // 1.25 → 1
      expect(divideRounded(4_000_000_000_000_001, 2)).to.equal(2_000_000_000_000_001); // 2,000,000,000,000,000.5 → …001, no float error
    });

    it('percentOf works in basis points', () => {
      expect(percentOf(9_900, 825)).to.equal(817); // 9,900 × 8.25% = 816.75 → 817
      expect(percentOf(151, 3_000)).to.equal(45); // 151 × 30% = 45.3 → 45
      expect(percentOf(10, 500)).to.equal(1); // 10 × 5% = 0.5 → 1
      expect(percentOf(0, 2_000)).to.equal(0);
    });

    it('refuses fractions of a cent', () => {
      expect(() => percentOf(10.5, 100)).to.throw(RangeError);
      expect(() => formatCents(0.1)).to.throw(RangeError);
    });

    it('formats cents for e-mails', () => {
      expect(formatCents(9_900)).to.equal('$99.00');
      expect(formatCents(26_667)).to.equal('$266.67');
      expect(formatCents(123_456_789)).to.equal('$1,234,567.89');
      expect(formatCents(-5)).to.equal('-$0.05');
      expect(formatCents(1_000, 'eur')).to.equal('€10.00');
    });
  });

  describe('computeProration', () => {
    it('charges the difference for the unused days, rounded half up', () => {
      // $99 → $499 on day 10 of 30: 20/30 × 40,000 = 26,666.67 → 26,667
      expect(computeProration({ fromPriceCents: 9_900, toPriceCents: 49_900, daysInPeriod: 30, daysRemaining: 20 })).to.equal(26_667);
      // Free → $99 on day 1 of 31: 30/31 × 9,900 = 9,580.65 → 9,581
      expect(computeProration({ fromPriceCents: 0, toPriceCents: 9_900, daysInPeriod: 31, daysRemaining: 30 })).to.equal(9_581);
      // Free → $499 on day 15 of 28: 13/28 × 49,900 = 23,167.86 → 23,168
      expect(computeProration({ fromPriceCents: 0, toPriceCents: 49_900, daysInPeriod: 28, daysRemaining: 13 })).to.equal(23_168);
      // $0 → $1 with 1 of 2 days left: 1/2 × 100 = 50 exactly
      expect(computeProration({ fromPriceCents: 0, toPriceCents: 100, daysInPeriod: 2, daysRemaining: 1 })).to.equal(50);
    });

    it('charges nothing on the last day or for a downgrade', () => {
      expect(computeProration({ fromPriceCents: 9_900, toPriceCents: 49_900, daysInPeriod: 30, daysRemaining: 0 })).to.equal(0);
      expect(computeProration({ fromPriceCents: 49_900, toPriceCents: 9_900, daysInPeriod: 30, daysRemaining: 20 })).to.equal(0);
    });

    it('rejects impossible day counts', () => {
      expect(() => computeProration({ fromPriceCents: 0, toPriceCents: 9_900, daysInPeriod: 30, daysRemaining: 31 })).to.throw(RangeError);
      expect(() => computeProration({ fromPriceCents: 0, toPriceCents: 9_900, daysInPeriod: 0, daysRemaining: 0 })).to.throw(RangeError);
    });
  });

  describe('computeOverage', () => {
    it('charges the analyses above the limit', () => {
      // Professional: 512 used, 500 included → 12 × 10¢ = 120
      expect(computeOverage({ used: 512, limit: 500, unitPriceCents: 10 })).to.deep.equal({ quantity: 12, unitPriceCents: 10, totalCents: 120 });
      // Enterprise: 5,001 used, 5,000 included → 1 × 10¢ = 10
      expect(computeOverage({ used: 5_001, limit: 5_000, unitPriceCents: 10 }).totalCents).to.equal(10);
    });

    it('charges nothing at or under the limit, when unlimited, or on Free', () => {
      expect(computeOverage({ used: 500, limit: 500, unitPriceCents: 10 }).totalCents).to.equal(0);
      expect(computeOverage({ used: 9_999, limit: null, unitPriceCents: 10 }).totalCents).to.equal(0);
      expect(computeOverage({ used: 25, limit: 20, unitPriceCents: 0 }).totalCents).to.equal(0); // Free: hard limit, no overage
    });
  });

  describe('computeInvoiceTotals', () => {
    it('base + overage − credit, then tax', () => {
      // 9,900 + 120 − 2,000 = 8,020; tax 8.25% = 661.65 → 662; total 8,682
      expect(computeInvoiceTotals({ baseCents: 9_900, overageCents: 120, creditBalanceCents: 2_000, taxBasisPoints: 825 })).to.deep.equal({ creditAppliedCents: 2_000, subtotalCents: 8_020, taxCents: 662, totalCents: 8_682 });
      // no credit, no tax: 49,900 + 0 = 49,900
      expect(computeInvoiceTotals({ baseCents: 49_900, overageCents: 0, creditBalanceCents: 0, taxBasisPoints: 0 })).to.deep.equal({ creditAppliedCents: 0, subtotalCents: 49_900, taxCents: 0, totalCents: 49_900 });
    });

    it('applies credit only up to the charges and never goes below zero', () => {
      // 9,900 charges, 15,000 credit → 9,900 applied (5,100 stays on the balance); subtotal 0, tax 0, total 0
      expect(computeInvoiceTotals({ baseCents: 9_900, overageCents: 0, creditBalanceCents: 15_000, taxBasisPoints: 2_000 })).to.deep.equal({ creditAppliedCents: 9_900, subtotalCents: 0, taxCents: 0, totalCents: 0 });
      // Free with no charges: nothing applied
      expect(computeInvoiceTotals({ baseCents: 0, overageCents: 0, creditBalanceCents: 500, taxBasisPoints: 825 }).creditAppliedCents).to.equal(0);
    });

    it('holds back credit rather than leave a charge under the card minimum', () => {
      // 9,900 − 9,880 credit would leave 20 (< 50): apply 9,850, charge 50, 30 credit stays on the balance
      expect(computeInvoiceTotals({ baseCents: 9_900, overageCents: 0, creditBalanceCents: 9_880, taxBasisPoints: 0, minimumChargeCents: 50 })).to.deep.equal({ creditAppliedCents: 9_850, subtotalCents: 50, taxCents: 0, totalCents: 50 });
      // credit covering everything still takes the total to 0
      expect(computeInvoiceTotals({ baseCents: 9_900, overageCents: 0, creditBalanceCents: 9_900, taxBasisPoints: 0, minimumChargeCents: 50 }).totalCents).to.equal(0);
      // charges below the minimum themselves: take all the credit there is (30 of 40), 10 is left
      expect(computeInvoiceTotals({ baseCents: 40, overageCents: 0, creditBalanceCents: 30, taxBasisPoints: 0, minimumChargeCents: 50 })).to.deep.equal({ creditAppliedCents: 30, subtotalCents: 10, taxCents: 0, totalCents: 10 });
      // without a minimum: unchanged
      expect(computeInvoiceTotals({ baseCents: 9_900, overageCents: 0, creditBalanceCents: 9_880, taxBasisPoints: 0 }).totalCents).to.equal(20);
    });

    it('taxes the proration amount like any base', () => {
      // proration 26,667; tax 20% = 5,333.4 → 5,333; total 32,000
      expect(computeInvoiceTotals({ baseCents: 26_667, overageCents: 0, creditBalanceCents: 0, taxBasisPoints: 2_000 })).to.deep.equal({ creditAppliedCents: 0, subtotalCents: 26_667, taxCents: 5_333, totalCents: 32_000 });
    });
  });
});
