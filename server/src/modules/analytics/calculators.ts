/**
 * MRR movements between two consecutive daily snapshots of one customer (cents). Pure, so the rules can be
 * read and tested with plain numbers:
 *   new          0 → x (x > 0)          +x
 *   expansion    a → b (0 < a < b)      +(b − a)
 *   contraction  a → b (0 < b < a)      −(a − b)
 *   churned      a → 0 (a > 0)          −a
 * Summed over every customer and every day of a period: start + new + expansion − contraction − churned = end.
 */
export interface MrrMovements {
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnedCents: number;
}

export function classifyMrrChange(prev: number, cur: number): MrrMovements {
  const m = { newCents: 0, expansionCents: 0, contractionCents: 0, churnedCents: 0 };
  if (prev === 0 && cur > 0) m.newCents = cur;
  else if (prev > 0 && cur === 0) m.churnedCents = prev;
  else if (cur > prev) m.expansionCents = cur - prev;
  else if (cur < prev) m.contractionCents = prev - cur;
  return m;
}
