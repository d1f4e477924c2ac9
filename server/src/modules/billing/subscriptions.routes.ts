import { z } from 'zod';
import type { Api } from '../../http/route';
import { listTiers } from './services/list-tiers.service';
import { getCurrentSubscription } from './services/get-current-subscription.service';
import { getUsage } from './services/get-usage.service';

const tierSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    monthlyPriceCents: z.number().int().describe('Integer cents'),
    currency: z.string(),
    maxProjects: z.number().int().nullable().describe('null = unlimited'),
    maxAnalysesPerMonth: z.number().int().nullable().describe('null = unlimited'),
    maxStorageMb: z.number().int().nullable().describe('null = unlimited'),
    includesPrioritySupport: z.boolean(),
    includesAdvancedAnalytics: z.boolean(),
    overageAnalysisCents: z.number().int().describe('Price per analysis above the monthly limit; 0 = the limit is hard'),
  })
  .meta({ id: 'SubscriptionTier' });

export const currentSubscriptionSchema = z
  .object({
    id: z.string(),
    status: z.enum(['active', 'past_due', 'cancelled', 'trial']),
    tier: tierSchema,
    currentPeriodStart: z.string(),
    currentPeriodEnd: z.string(),
    cancelAtPeriodEnd: z.boolean(),
    cancelledAt: z.string().nullable(),
    scheduledTier: tierSchema.nullable().describe('A downgrade that applies at the period end'),
  })
  .meta({ id: 'CurrentSubscription' });

const usageSchema = z
  .object({
    tier: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    metrics: z.array(
      z.object({
        metric: z.enum(['analyses_run', 'projects_created', 'storage_bytes']),
        used: z.number().int().describe('Analyses: this period; projects: held now; storage: bytes held now'),
        limit: z.number().int().nullable().describe('null = unlimited; storage in bytes'),
        percent: z.number().int().nullable(),
      }),
    ),
    projectedOverage: z.object({ analyses: z.number().int(), unitPriceCents: z.number().int(), totalCents: z.number().int(), currency: z.string() }),
  })
  .meta({ id: 'SubscriptionUsage' });

export function subscriptionRoutes(api: Api): void {
  const tags = ['Subscriptions'];
  api.route({ method: 'get', path: '/subscriptions/tiers', tags, access: 'public', summary: 'The plans on offer with prices (cents) and limits', response: z.array(tierSchema), handler: () => listTiers() });
  api.route({ method: 'get', path: '/subscriptions/current', tags, summary: 'Your plan, its status and current period', response: currentSubscriptionSchema, handler: ({ auth }) => getCurrentSubscription(auth.user.id) });
  api.route({ method: 'get', path: '/subscriptions/usage', tags, summary: "This period's usage against your plan's limits", response: usageSchema, handler: ({ auth }) => getUsage(auth.user.id) });
}
