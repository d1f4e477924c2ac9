import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { findAccount } from '../../auth/accounts';
import { presentUser } from '../../users/user.presenter';
import { AuditLog } from '../admin.models';
import { Project } from '../../projects/project.models';
import { presentProject } from '../../projects/project.presenter';
import { projectCounts } from '../../projects/projects.service';
import { selectRows } from '../../../http/list-query';
import { presentAudit } from '../audit.presenter';
import { withAuditNames } from '../audit-log/audit-names';
import { Invoice, Subscription } from '../../billing/billing.models';
import { presentInvoice } from '../../billing/billing.presenter';
import { SupportTicket } from '../../support/support.models';

interface ActivityRow {
  kind: string;
  id: string;
  label: string;
  detail: string | null;
  at: Date;
}

/** One user with their history: profile, plan and invoices, projects, recent activity, tickets and audit entries. */
export async function getUserDetail(id: string) {
  const account = await findAccount({ id });
  if (!account) throw AppError.notFound('User');
  const [counts] = await db().query<{ projects: number; snippets: number; analyses: number; intakes: number; sessions: number; deleted_at: Date | null }>(
    `SELECT (SELECT count(*) FROM projects WHERE owner_id = $1)::int AS projects,
            (SELECT count(*) FROM snippets WHERE owner_id = $1)::int AS snippets,
            (SELECT count(*) FROM analyses WHERE owner_id = $1)::int AS analyses,
            (SELECT count(*) FROM intakes WHERE owner_id = $1)::int AS intakes,
            (SELECT count(*) FROM sessions WHERE user_id = $1 AND expires_at > $2 AND impersonator_id IS NULL)::int AS sessions,
            (SELECT deleted_at FROM users WHERE id = $1) AS deleted_at`,
    { bind: [id, clock.now()], type: QueryTypes.SELECT },
  );
  const [projects, auditRows, extra, subscription, invoices, tickets, activity] = await Promise.all([
    selectRows(Project, { where: { ownerId: id }, extra: projectCounts, orderBy: 'updatedAt', limit: 10 }),
    AuditLog.findAll({ where: { targetType: 'user', targetId: id }, order: [['seq', 'DESC']], limit: 50 }),
    db().query<{ permissions: string[] }>('SELECT permissions FROM admin_users WHERE user_id = $1', { bind: [id], type: QueryTypes.SELECT }),
    currentSubscription(id),
    Subscription.findAll({ where: { userId: id }, attributes: ['id'] }).then((subs) => Invoice.findAll({ where: { subscriptionId: subs.map((s) => s.id) }, order: [['createdAt', 'DESC']], limit: 20 })),
    SupportTicket.findAll({ where: { customerId: id }, order: [['createdAt', 'DESC']], limit: 20 }),
    recentActivity(id),
  ]);
  return {
    ...presentUser(account),
    status: counts.deleted_at ? ('deleted' as const) : account.status,
    deletedAt: counts.deleted_at ? new Date(counts.deleted_at).toISOString() : null,
    extraPermissions: extra[0]?.permissions ?? [],
    projectCount: counts.projects,
    snippetCount: counts.snippets,
    analysisCount: counts.analyses,
    intakeCount: counts.intakes,
    activeSessionCount: counts.sessions,
    subscription,
    invoices: invoices.map((i) => presentInvoice(i)),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      slaBreached: t.slaBreached,
      createdAt: t.createdAt.toISOString(),
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
    })),
    recentProjects: projects.map((p) => presentProject(p)),
    recentActivity: activity.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    recentAudit: await withAuditNames(auditRows.map(presentAudit)),
  };
}

async function currentSubscription(userId: string) {
  const [s] = await db().query<{ id: string; status: string; tier: string; tier_display_name: string; monthly_price_cents: string; currency: string; current_period_start: Date; current_period_end: Date; cancel_at_period_end: boolean; credit_balance_cents: string | null }>(
    `SELECT s.id, s.status, st.name AS tier, st.display_name AS tier_display_name, st.monthly_price_cents, st.currency,
            s.current_period_start, s.current_period_end, s.cancel_at_period_end,
            (SELECT credit_balance_cents FROM billing_accounts b WHERE b.user_id = s.user_id) AS credit_balance_cents
       FROM subscriptions s JOIN subscription_tiers st ON st.id = s.tier_id
      WHERE s.user_id = $1 ORDER BY (s.status <> 'cancelled') DESC, s.created_at DESC LIMIT 1`,
    { bind: [userId], type: QueryTypes.SELECT },
  );
  if (!s) return null;
  return {
    id: s.id,
    status: s.status,
    tier: s.tier,
    tierDisplayName: s.tier_display_name,
    monthlyPriceCents: Number(s.monthly_price_cents),
    currency: s.currency,
    currentPeriodStart: new Date(s.current_period_start).toISOString(),
    currentPeriodEnd: new Date(s.current_period_end).toISOString(),
    cancelAtPeriodEnd: s.cancel_at_period_end,
    creditBalanceCents: Number(s.credit_balance_cents ?? 0),
  };
}

// What the customer did lately, newest first, from the tables that record it.
async function recentActivity(userId: string): Promise<ActivityRow[]> {
  return db().query<ActivityRow>(
    `(SELECT 'project_created' AS kind, id::text, name AS label, NULL AS detail, created_at AS at FROM projects WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 10)
     UNION ALL
     (SELECT 'analysis_run', id::text, snippet_filename, type || ' · ' || status, created_at FROM analyses WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 10)
     UNION ALL
     (SELECT 'ticket_opened', id::text, subject, status, created_at FROM support_tickets WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10)
     UNION ALL
     (SELECT 'signed_in', id::text, coalesce(user_agent, 'unknown browser'), ip, created_at FROM sessions WHERE user_id = $1 AND impersonator_id IS NULL ORDER BY created_at DESC LIMIT 5)
     ORDER BY at DESC LIMIT 20`,
    { bind: [userId], type: QueryTypes.SELECT },
  );
}
