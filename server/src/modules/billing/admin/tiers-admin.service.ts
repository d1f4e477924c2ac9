import { QueryTypes, UniqueConstraintError } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { SubscriptionTier } from '../billing.models';
import { presentTier } from '../billing.presenter';
import { FREE_TIER } from '../subscription-lock';

export interface TierInput {
  name: string;
  displayName: string;
  monthlyPriceCents: number;
  maxProjects: number | null;
  maxAnalysesPerMonth: number | null;
  maxStorageMb: number | null;
  includesPrioritySupport: boolean;
  includesAdvancedAnalytics: boolean;
  overageAnalysisCents: number;
  sortOrder: number;
  active: boolean;
}

/** A tier as the console sees it: the customer view plus id, order, whether it is offered, and its subscribers. */
export function presentAdminTier(t: SubscriptionTier, subscribers?: number) {
  return { id: t.id, ...presentTier(t), sortOrder: t.sortOrder, active: t.active, subscribers: subscribers ?? 0, updatedAt: t.updatedAt.toISOString() };
}

async function subscriberCounts(): Promise<Map<string, number>> {
  const rows = await db().query<{ tier_id: string; n: number }>(`SELECT tier_id, count(*)::int AS n FROM subscriptions WHERE status <> 'cancelled' GROUP BY tier_id`, { type: QueryTypes.SELECT });
  return new Map(rows.map((r) => [r.tier_id, r.n]));
}

/** Every tier, offered or not, in display order (simple-rest: the whole list is one page). */
export async function listAdminTiers() {
  const [tiers, counts] = await Promise.all([SubscriptionTier.findAll({ order: [['sortOrder', 'ASC'], ['name', 'ASC']] }), subscriberCounts()]);
  const rows = tiers.map((t) => presentAdminTier(t, counts.get(t.id)));
  return { rows, total: rows.length };
}

export async function getAdminTier(id: string) {
  const tier = await SubscriptionTier.findByPk(id);
  if (!tier) throw AppError.notFound('Tier');
  return presentAdminTier(tier, (await subscriberCounts()).get(tier.id));
}

/** Rules every tier must keep, whatever the edit: Free stays free and offered, a paid tier's analyses limit is soft or hard by choice. */
function checkTier(t: TierInput) {
  if (t.name === FREE_TIER) {
    // Every new customer starts on Free without a card, so it can never cost anything or disappear.
    const errors: Record<string, string[]> = {};
    if (t.monthlyPriceCents !== 0) errors.monthlyPriceCents = ['The Free plan must stay at $0: every new customer starts on it without a card'];
    if (!t.active) errors.active = ['The Free plan cannot be withdrawn: every new customer starts on it'];
    if (Object.keys(errors).length) throw AppError.validation(errors, 'The Free plan must stay free and offered');
  }
}

/** Creates a tier (audited). Names are unique and never change afterwards (customers' plan changes name them). */
export async function createTier(actor: AuditActor, input: TierInput) {
  checkTier(input);
  return db().transaction(async (transaction) => {
    try {
      const tier = await SubscriptionTier.create({ ...input, currency: 'usd' }, { transaction });
      await audit(actor, { action: 'tier.created', targetType: 'subscription_tier', targetId: tier.id, after: presentAdminTier(tier) }, transaction);
      return presentAdminTier(tier);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw AppError.conflict('already_exists', `A tier called "${input.name}" exists already`, { name: ['This name is taken'] });
      throw err;
    }
  });
}

/**
 * Changes a tier (audited with before/after). A new price applies from the next billing period: invoices
 * already written keep theirs, and month end bills each next period at the price of the day it runs.
 * Upgrades quoted from now on use the new price for the rest of the period.
 */
export async function updateTier(actor: AuditActor, id: string, patch: Partial<Omit<TierInput, 'name'>>) {
  return db().transaction(async (transaction) => {
    const tier = await SubscriptionTier.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!tier) throw AppError.notFound('Tier');
    const before = presentAdminTier(tier);
    const merged: TierInput = { ...before, ...patch, name: tier.name };
    checkTier(merged);
    await tier.update(patch, { transaction });
    await audit(actor, { action: 'tier.updated', targetType: 'subscription_tier', targetId: tier.id, before, after: presentAdminTier(tier) }, transaction);
    return presentAdminTier(tier, (await subscriberCounts()).get(tier.id));
  });
}
