/**
 * Support demo data: support@example.com in the round-robin, canned responses, and tickets for demo
 * customers — customer@example.com has a conversation in progress (with an internal note) and a resolved,
 * rated ticket. Dates are relative to `now`; SLA due times come from the seeded policies.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { CannedResponse, SlaPolicy, SupportAgent, SupportTicket, TicketMessage, type TicketPriority, type TicketStatus } from '../server/src/modules/support/support.models';
import { breachOf, dueTimes } from '../server/src/modules/support/sla';
import { DAY_MS, HOUR_MS } from '../server/src/lib/time';

const CANNED: Array<[string, string]> = [
  ['Greeting', 'Hi {{customer.first_name}},\n\nThanks for reaching out about "{{ticket.subject}}". I am looking into it now and will get back to you shortly.\n\nBest,\n{{agent.name}}'],
  ['Need more details', 'Hi {{customer.first_name}},\n\nCould you send us the project name, the time it happened and, if you saw one, the error id? That will help us find the cause quickly.\n\n{{agent.name}}'],
  ['Fixed — please confirm', 'Hi {{customer.first_name}},\n\nWe have fixed the problem behind {{ticket.number}}. Could you check on your side and let us know if all is well?\n\nThanks,\n{{agent.name}}'],
  ['Billing: invoice explained', 'Hi {{customer.first_name}},\n\nYour invoice has the plan fee for the coming period plus any analyses above your plan\'s monthly limit, billed at $0.10 each. You can see the lines in the portal under Billing.\n\n{{agent.name}}'],
];

interface Person {
  id: string;
  email: string;
  name: string;
}

type Msg = [kind: 'customer' | 'agent', hoursAfterOpen: number, content: string, internal?: boolean];

/** Seeds support data inside the demo seed's transaction. */
export async function seedDemoSupport(now: Date, transaction: Transaction): Promise<void> {
  const people = await db().query<Person & { role: string | null; tier: string | null }>(
    `SELECT u.id, u.email, u.name, a.role,
            (SELECT st.name FROM subscriptions s JOIN subscription_tiers st ON st.id = s.tier_id WHERE s.user_id = u.id AND s.status <> 'cancelled' LIMIT 1) AS tier
     FROM users u LEFT JOIN admin_users a ON a.user_id = u.id ORDER BY u.created_at, u.email`,
    { transaction, type: QueryTypes.SELECT },
  );
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const agent = byEmail.get('support@example.com');
  const customer = byEmail.get('customer@example.com');
  if (!agent || !customer) return;
  const ops = byEmail.get('ops@example.com');
  const others = people.filter((p) => !p.role && p.email !== 'customer@example.com' && p.email !== 'free@example.com').slice(0, 8);

  await SupportAgent.create({ userId: agent.id, active: true, maxOpenTickets: 25, lastAssignedAt: new Date(now.getTime() - HOUR_MS) }, { transaction });
  // written a month ago, a day apart, before the oldest demo ticket (20 days)
  for (const [i, [title, content]] of CANNED.entries()) {
    const createdAt = new Date(now.getTime() - (30 - i) * DAY_MS);
    await CannedResponse.create({ title, content, createdBy: agent.id, createdAt, updatedAt: createdAt }, { transaction, silent: true });
  }

  const policies = new Map((await SlaPolicy.findAll({ transaction })).map((p) => [p.priority, p]));
  const tierOf = (p: Person) => byEmail.get(p.email)?.tier ?? 'free';

  const ticket = async (
    who: Person,
    o: { subject: string; description: string; hoursAgo: number; status: TicketStatus; priority: TicketPriority; assignee?: Person | null; errorId?: string; messages?: Msg[]; rating?: [number, string]; breached?: boolean },
  ) => {
    const openedAt = new Date(now.getTime() - o.hoursAgo * HOUR_MS);
    const tier = tierOf(who);
    const prioritySupport = tier === 'professional' || tier === 'enterprise';
    const at = (h: number) => new Date(openedAt.getTime() + h * HOUR_MS);
    const firstAgent = o.messages?.find((m) => m[0] === 'agent' && !m[3]);
    const last = o.messages?.length ? at(o.messages[o.messages.length - 1][1]) : openedAt;
    const done = o.status === 'resolved' || o.status === 'closed';
    const due = dueTimes(openedAt, policies.get(o.priority)!, prioritySupport);
    const firstRespondedAt = firstAgent ? at(firstAgent[1]) : null;
    // A ticket already past a target is seeded as the SLA sweep leaves it (flagged, escalated once), so the
    // sweep's first run after a start finds nothing to change in the demo.
    const breach = breachOf({ status: o.status, firstRespondedAt, ...due }, now);
    const breached = o.breached ?? breach !== null;
    const t = await SupportTicket.create(
      {
        customerId: who.id,
        subject: o.subject,
        description: o.description,
        status: o.status,
        priority: o.priority,
        prioritySupport,
        customerTier: tier,
        assigneeId: o.assignee === undefined ? agent.id : o.assignee?.id ?? null,
        errorId: o.errorId ?? null,
        ...due,
        firstRespondedAt,
        resolvedAt: done ? last : null,
        closedAt: o.status === 'closed' ? last : null,
        slaBreached: breached,
        escalatedAt: o.breached ? at(9) : breached ? (breach === 'first_response' ? due.firstResponseDueAt : due.resolutionDueAt) : null,
        ratingScore: o.rating?.[0] ?? null,
        ratingComment: o.rating?.[1] ?? null,
        ratedAt: o.rating ? new Date(last.getTime() + HOUR_MS) : null,
        lastMessageAt: last,
        createdAt: openedAt,
        updatedAt: last,
      },
      { transaction, silent: true },
    );
    for (const [kind, h, content, internal] of o.messages ?? []) {
      await TicketMessage.create({ ticketId: t.id, authorId: kind === 'customer' ? who.id : agent.id, authorKind: kind, internal: internal ?? false, content, createdAt: at(h) }, { transaction });
    }
  };

  await ticket(customer, {
    subject: 'Analysis results look different since yesterday',
    description: 'The quality score of my "Payments API" project dropped from 86 to 71 overnight, but we did not change the code. Did something change on your side?',
    hoursAgo: 26,
    status: 'in_progress',
    priority: 'high',
    errorId: 'err_demo_7f3a19',
    messages: [
      ['agent', 1, `Hi ${customer.name.split(' ')[0]},\n\nThanks for reaching out. I am looking into it now and will get back to you shortly.\n\nBest,\n${agent.name}`],
      ['agent', 1.5, 'Analyzer rules were updated yesterday (stricter null checks). Likely cause; confirm with the team before answering.', true],
      ['customer', 3, 'Thanks! Is there a way to see which findings are new?'],
    ],
  });
  await ticket(customer, {
    subject: 'How do I add a second payment card?',
    description: 'I would like a backup card in case the main one fails.',
    hoursAgo: 24 * 12,
    status: 'resolved',
    priority: 'low',
    messages: [
      ['agent', 2, 'Hi! Open Billing in the portal, then "Add card". The newest card becomes the default unless you choose otherwise.'],
      ['customer', 5, 'Found it, thank you.'],
    ],
    rating: [5, 'Quick and clear answer.'],
  });

  const samples: Array<{ subject: string; description: string; status: TicketStatus; priority: TicketPriority; hoursAgo: number; breached?: boolean; unassigned?: boolean; messages?: Msg[] }> = [
    { subject: 'Cannot upload a 3 MB snippet', description: 'The upload fails with "too large".', status: 'open', priority: 'normal', hoursAgo: 2 },
    { subject: 'Invoice shows two plan fees', description: 'My November invoice has the plan fee twice.', status: 'waiting_on_customer', priority: 'normal', hoursAgo: 30, messages: [['agent', 4, 'Could you send us the invoice number?']] },
    { subject: 'Analyses stuck in "queued"', description: 'Three analyses have been queued for an hour.', status: 'open', priority: 'urgent', hoursAgo: 14, breached: true },
    { subject: 'Feature request: export findings as CSV', description: 'It would help our weekly reports.', status: 'open', priority: 'low', hoursAgo: 50, unassigned: true },
    { subject: 'Password reset e-mail never arrives', description: 'Tried three times today.', status: 'resolved', priority: 'high', hoursAgo: 72, messages: [['agent', 2, 'Your mail server rejected our messages; it is fixed now. Please try again.'], ['customer', 6, 'Worked, thanks!']] },
    { subject: 'Question about the Enterprise plan', description: 'Does Enterprise include SSO?', status: 'closed', priority: 'normal', hoursAgo: 24 * 20, messages: [['agent', 3, 'Not yet; it is on our roadmap for next quarter.']] },
    { subject: 'Project deleted by mistake', description: 'Can you restore "Mobile app"?', status: 'in_progress', priority: 'high', hoursAgo: 5, messages: [['agent', 1, 'We are checking the backups now.'], ['agent', 1.2, 'Backup from 03:00 UTC has it; restore needs ops sign-off.', true]] },
  ];
  for (const [i, s] of samples.entries()) {
    const who = others[i % Math.max(others.length, 1)];
    if (!who) break;
    await ticket(who, { ...s, assignee: s.unassigned ? null : i % 3 === 2 && ops ? ops : agent });
  }
}
