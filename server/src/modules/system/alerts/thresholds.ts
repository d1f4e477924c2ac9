import { z } from 'zod';
import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { audit, type AuditActor } from '../../admin/audit';
import { Setting } from '../setting.models';

/** Settings key of the alert thresholds (the Errors page reads `errorRatePercent` from it too). */
export const THRESHOLDS_KEY = 'monitoring.thresholds';

export const thresholdsSchema = z.strictObject({
  /** 5xx answers as a percentage of all requests over the check window. */
  errorRatePercent: z.number().min(0.1, 'At least 0.1 %').max(100, 'At most 100 %'),
  /** p95 latency over the check window, in milliseconds. */
  p95LatencyMs: z.number().int('Whole milliseconds').min(10, 'At least 10 ms').max(120_000, 'At most 120000 ms'),
  /** Background jobs due but not yet started. */
  queueBacklog: z.number().int('A whole number of jobs').min(1, 'At least 1 job').max(10_000_000),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = { errorRatePercent: 5, p95LatencyMs: 1500, queueBacklog: 500 };

/** The thresholds in force: stored values over the defaults (a value stored by an older version may be missing). */
export async function getThresholds(transaction?: Transaction): Promise<Thresholds> {
  const stored = (await Setting.findByPk(THRESHOLDS_KEY, { transaction }))?.value;
  const merged = { ...DEFAULT_THRESHOLDS, ...(stored && typeof stored === 'object' ? stored : {}) };
  const parsed = thresholdsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

/** Replaces the alert thresholds; audited with before and after. */
export async function updateThresholds(actor: AuditActor, input: Thresholds): Promise<Thresholds> {
  return db().transaction(async (transaction) => {
    const before = await getThresholds(transaction);
    await Setting.upsert({ key: THRESHOLDS_KEY, value: input }, { transaction });
    await audit(actor, { action: 'system.thresholds_updated', targetType: 'setting', targetId: THRESHOLDS_KEY, before, after: input }, transaction);
    return input;
  });
}
