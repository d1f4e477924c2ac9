import { QueryTypes } from 'sequelize';
import type { Config } from '../../config';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import type { AuthContext } from '../../http/auth-context';
import { AuditLog } from '../admin/admin.models';
import { presentAudit } from '../admin/audit.presenter';
import { withAuditNames } from '../admin/audit-log/audit-names';
import type { PaymentGateway } from '../billing/gateways';
import { checkSystemHealth, type SystemHealth } from './health/check-health.service';
import { listAlerts, type AlertView } from './alerts/list-alerts.service';
import { readMaintenance, type MaintenanceState } from './maintenance';
import { requestMetrics } from './monitoring/request-metrics';
import { DAY_MS } from '../../lib/time';

export interface DashboardSummary {
  generatedAt: string;
  maintenance: MaintenanceState;
  /** Each part is null when the caller's role does not include the permission it needs. */
  health: SystemHealth | null;
  customers: { total: number; newLast30Days: number; activeLast30Days: number } | null;
  billing: { activeSubscriptions: number; paidSubscriptions: number; pastDue: number; mrrCents: number; currency: string } | null;
  /** null also when the support module is not installed. */
  tickets: { open: number; unassigned: number; slaBreached: number } | null;
  traffic: { requestsLastHour: number; errorRatePercent: number; p95Ms: number | null } | null;
  alerts: AlertView[] | null;
  recentActivity: Array<ReturnType<typeof presentAudit> & { targetLabel: string | null }> | null;
}

async function customers() {
  const since = new Date(clock.now().getTime() - 30 * DAY_MS);
  const [row] = await db().query<{ total: number; new: number; active: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE u.created_at >= :since)::int AS new, count(*) FILTER (WHERE u.last_active_at >= :since)::int AS active
       FROM users u WHERE NOT EXISTS (SELECT 1 FROM admin_users a WHERE a.user_id = u.id)`,
    { replacements: { since }, type: QueryTypes.SELECT },
  );
  return { total: row.total, newLast30Days: row.new, activeLast30Days: row.active };
}

// MRR: the monthly price of every live paid subscription (active or past due, which is still billed),
// in the tiers' currency. Credits, overage and proration are one-off and stay out of it.
async function billing() {
  const [row] = await db().query<{ live: number; paid: number; past_due: number; mrr: number; currency: string | null }>(
    `SELECT count(*)::int AS live,
            count(*) FILTER (WHERE t.monthly_price_cents > 0)::int AS paid,
            count(*) FILTER (WHERE s.status = 'past_due')::int AS past_due,
            coalesce(sum(t.monthly_price_cents), 0)::bigint AS mrr,
            min(t.currency) AS currency
       FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id
      WHERE s.status IN ('active', 'past_due', 'trial')`,
    { type: QueryTypes.SELECT },
  );
  return { activeSubscriptions: row.live, paidSubscriptions: row.paid, pastDue: row.past_due, mrrCents: Number(row.mrr), currency: row.currency ?? 'usd' };
}

async function tickets() {
  const [{ present }] = await db().query<{ present: boolean }>(`SELECT to_regclass('public.support_tickets') IS NOT NULL AS present`, { type: QueryTypes.SELECT });
  if (!present) return null;
  const [row] = await db().query<{ open: number; unassigned: number; breached: number }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned, count(*) FILTER (WHERE sla_breached)::int AS breached
       FROM support_tickets WHERE status IN ('open', 'in_progress', 'waiting_on_customer')`,
    { type: QueryTypes.SELECT },
  );
  return { open: row.open, unassigned: row.unassigned, slaBreached: row.breached };
}

function traffic() {
  const { overall } = requestMetrics.summary(60);
  return { requestsLastHour: overall.requests, errorRatePercent: overall.errorRatePercent, p95Ms: overall.p95Ms };
}

async function recentActivity() {
  const rows = await AuditLog.findAll({ order: [['seq', 'DESC']], limit: 8 });
  return withAuditNames(rows.map((r) => presentAudit(r.get({ plain: true }))));
}

/** The console's first page: health, key numbers, alerts and recent activity, each part as the caller may see it. */
export async function getDashboard(auth: AuthContext, deps: { gateway: PaymentGateway; config: Config }): Promise<DashboardSummary> {
  const can = (p: string) => auth.permissions.has(p);
  const [maintenance, health, customerNumbers, billingNumbers, ticketNumbers, alerts, activity] = await Promise.all([
    readMaintenance(deps.config.MAINTENANCE_MESSAGE),
    can('system.read') ? checkSystemHealth({ ...deps, now: clock.now() }) : null,
    can('users.read') ? customers() : null,
    can('billing.read') ? billing() : null,
    can('tickets.read') ? tickets() : null,
    can('system.read') ? listAlerts({ limit: 5 }).then((a) => a.filter((x) => !x.resolvedAt)) : null,
    can('audit.read') ? recentActivity() : null,
  ]);
  return {
    generatedAt: clock.now().toISOString(),
    maintenance,
    health,
    customers: customerNumbers,
    billing: billingNumbers,
    tickets: ticketNumbers,
    traffic: can('system.read') ? traffic() : null,
    alerts,
    recentActivity: activity,
  };
}
