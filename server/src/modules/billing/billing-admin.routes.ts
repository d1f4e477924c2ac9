import { z } from 'zod';
import type { Config } from '../../config';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import type { Api } from '../../http/route';
import { clock } from '../../lib/clock';
import { actorOf, audit } from '../admin/audit';
import type { PaymentGateway } from './gateways';
import { runMonthEnd } from './services/run-month-end.service';
import { billingConsoleRoutes } from './billing-console.routes';
import { DAY_MS } from '../../lib/time';

const monthEndCountsSchema = z
  .object({ examined: z.number().int(), invoiced: z.number().int(), skipped: z.number().int(), collected: z.number().int(), failed: z.number().int() })
  .meta({ id: 'MonthEndCounts' });

/**
 * Test-mode console controls for billing (billing.manage, audited): run month end now, and move the
 * advanceable clock (lib/clock.ts) forward so a period can end without waiting. Both answer 409
 * `test_mode_only` when NODE_ENV=production: there, month end runs only as the scheduled job on real time.
 */
export function billingAdminRoutes(api: Api, deps: { gateway: PaymentGateway; config: Pick<Config, 'NODE_ENV'> }): void {
  const { gateway, config } = deps;
  const tags = ['Admin: billing'];
  billingConsoleRoutes(api, { gateway });
  const testModeOnly = () => {
    if (config.NODE_ENV === 'production') throw AppError.conflict('test_mode_only', 'Only available in test mode (NODE_ENV is production)');
  };

  api.route({
    method: 'post', path: '/admin/billing/run-month-end', tags, permission: 'billing.manage', status: 200,
    summary: 'Test mode: run the month-end job now (at the clock\'s now) and return its counts; 409 test_mode_only in production',
    response: monthEndCountsSchema,
    handler: async ({ req }) => {
      testModeOnly();
      const now = clock.now();
      // Collected inline, so the console shows the invoices paid or failed when this answers.
      const counts = await runMonthEnd(gateway, { now, collect: 'inline' });
      await db().transaction((t) => audit(actorOf(req), { action: 'billing.month_end_run', targetType: 'billing', after: { now: now.toISOString(), ...counts } }, t));
      return counts;
    },
  });

  api.route({
    method: 'post', path: '/admin/billing/advance-clock', tags, permission: 'billing.manage', status: 200,
    summary: 'Test mode: move the server clock forward by whole days (1–366); 409 test_mode_only in production',
    body: z.object({ days: z.number().int().min(1).max(366) }).meta({ id: 'AdvanceClock' }),
    response: z.object({ now: z.string(), offsetDays: z.number() }).meta({ id: 'ClockState' }),
    handler: async ({ req, body }) => {
      testModeOnly();
      const before = clock.now().toISOString();
      clock.advance(body.days * DAY_MS);
      const now = clock.now().toISOString();
      await db().transaction((t) => audit(actorOf(req), { action: 'billing.clock_advanced', targetType: 'clock', before: { now: before }, after: { now, days: body.days } }, t));
      return { now, offsetDays: clock.offsetMs() / DAY_MS };
    },
  });
}
