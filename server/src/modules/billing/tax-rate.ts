import type { Transaction } from 'sequelize';
import { Setting } from '../system/setting.models';

export const TAX_RATE_SETTING = 'billing.tax_rate_bps';

/**
 * The tax rate in basis points (825 = 8.25%) from the `billing.tax_rate_bps` setting; 0 when it is unset
 * or not a whole number from 0 to 10,000 (a bad setting must never produce a fractional or absurd tax).
 */
export async function taxRateBasisPoints(transaction?: Transaction): Promise<number> {
  const row = await Setting.findByPk(TAX_RATE_SETTING, { transaction });
  const raw = row?.value;
  const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000 ? n : 0;
}
