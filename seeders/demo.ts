/**
 * Demo data for a fresh development database: the demo accounts of DESIGN.md ("Demo accounts") and
 * about fifty customers with projects, code snippets, analyses and intakes spread over the last six
 * months, with the plans, invoices, support tickets, analytics and audit trail that go with them
 * (demo-*.ts). Deterministic (a private faker seeded with 42, ids from it too); every date is relative to
 * clock.now(). Never runs with NODE_ENV=production, and never touches a database that has users.
 */

import { Faker, base, en } from '@faker-js/faker';
import type { CreationAttributes, Transaction } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { clock } from '../server/src/lib/clock';
import { hashPassword } from '../server/src/modules/auth/password';
import { BuiltinAnalyzer, type AnalysisType } from '../server/src/modules/analyses/analyzer';
import { ANALYSIS_TYPES, Analysis } from '../server/src/modules/analyses/analysis.models';
import { AdminUser, type AdminRole } from '../server/src/modules/admin/admin.models';
import { INTAKE_STATUSES, Intake, type IntakeStatus } from '../server/src/modules/intakes/intake.models';
import { Project, Snippet, type ProjectStatus } from '../server/src/modules/projects/project.models';
import { User } from '../server/src/modules/users/user.models';
import { BillingAccount, Subscription, SubscriptionTier, UsageRecord } from '../server/src/modules/billing/billing.models';
import { anchorDayOf, periodContaining } from '../server/src/modules/billing/periods';
import { SNIPPET_TEMPLATES, type SnippetTemplate } from './snippets';
import { seedDemoSearches } from './demo-search';
import { seedDemoAnalytics } from './demo-analytics';
import { seedDemoSupport } from './demo-support';
import { seedDemoInvoices, type DemoCard } from './demo-billing';
import { seedDemoAudit } from './demo-audit';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../server/src/lib/time';

export const DEMO_PASSWORD = 'socrates-demo';

const SEED_LOCK = 7_316_002;
const FURTHER_CUSTOMERS = 50;

export interface DemoSeedCounts {
  users: number;
  adminUsers: number;
  projects: number;
  snippets: number;
  analyses: number;
  intakes: number;
  auditEntries: number;
  searches: number;
}

/** Seeds the demo data when the database has no users; returns true when it seeded. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  return (await seedDemo()) !== null;
}

/** Like seedDemoIfEmpty, but tells what it inserted (null when it did nothing). */
export async function seedDemo(): Promise<DemoSeedCounts | null> {
  if (process.env.NODE_ENV === 'production') return null;
  // Cheap check first, so a populated database never pays for the password hash.
  if ((await User.count()) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await db().transaction(async (transaction) => {
    // Two processes starting on an empty database at once must not both seed it.
    await db().query(`SELECT pg_advisory_xact_lock(${SEED_LOCK})`, { transaction });
    if ((await User.count({ transaction })) > 0) return null;
    const data = buildDemoData(passwordHash, clock.now());
    await insertAll(data, transaction);
    await insertBilling(data, clock.now(), transaction);
    await seedDemoSupport(clock.now(), transaction);
    await seedDemoAnalytics(clock.now(), transaction);
    // Last: the trail is read back from everything the seeders above wrote.
    const auditEntries = await seedDemoAudit(transaction);
    return {
      users: data.users.length,
      adminUsers: data.adminUsers.length,
      projects: data.projects.length,
      snippets: data.snippets.length,
      analyses: data.analyses.length,
      intakes: data.intakes.length,
      auditEntries,
    };
  });
  // After the commit: the searches run against the demo's index, which the committed rows fill.
  return counts && { ...counts, searches: await seedDemoSearches(clock.now()) };
}

// ---------------------------------------------------------------------------------------------------

type Row<T extends import('sequelize').Model> = CreationAttributes<T> & { id: string; createdAt: Date; updatedAt: Date };

interface DemoData {
  users: Array<Row<User>>;
  adminUsers: Array<Row<AdminUser>>;
  projects: Array<Row<Project>>;
  snippets: Array<Row<Snippet> & { template: SnippetTemplate }>;
  analyses: Array<Row<Analysis>>;
  intakes: Array<Row<Intake>>;
}

async function insertAll(data: DemoData, transaction: Transaction): Promise<void> {
  const analyzer = new BuiltinAnalyzer();
  const snippetsById = new Map(data.snippets.map((s) => [s.id, s]));
  // Results come from the real analyzer, on the snippet's real content.
  for (const a of data.analyses) {
    const snippet = snippetsById.get(a.snippetId!)!;
    const result = await analyzer.analyze({ filename: snippet.filename, language: snippet.language, content: snippet.content, type: a.type });
    Object.assign(a, {
      qualityScore: result.qualityScore,
      bugsFound: result.bugsFound,
      confidence: result.confidence,
      summary: result.summary,
      findings: result.findings,
    });
  }
  const opts = { transaction, validate: false, returning: false } as const;
  await User.bulkCreate(data.users, opts);
  await AdminUser.bulkCreate(data.adminUsers, opts);
  await Project.bulkCreate(data.projects, opts);
  await Snippet.bulkCreate(data.snippets.map(({ template: _t, ...s }) => s), opts);
  await Analysis.bulkCreate(data.analyses, opts);
  await Intake.bulkCreate(data.intakes, opts);
}

/**
 * Plans and metered usage for the demo accounts: customer@example.com on Professional, everyone else on
 * Free, anchored on the day they joined; past projects, snippets and analyses become usage records of the
 * period they fell in, as if they had been recorded at the time. The Professional customer's past invoices
 * follow from that usage (demo-billing.ts).
 */
async function insertBilling(data: DemoData, now: Date, transaction: Transaction): Promise<void> {
  const tiers = new Map((await SubscriptionTier.findAll({ transaction })).map((t) => [t.name, t.id]));
  const ids = new Faker({ locale: [en, base] });
  ids.seed(43); // deterministic like the rest of the demo data
  const anchors = new Map<string, number>();
  const subscriptionOf = new Map<string, string>();
  const subscriptions = data.users.map((u) => {
    // Frankie's history is built around the calendar month ("18 of the 20 allowed this month").
    const anchorDay = u.email === 'free@example.com' ? 1 : anchorDayOf(u.createdAt);
    const period = periodContaining(anchorDay, now);
    const id = ids.string.uuid();
    anchors.set(u.id, anchorDay);
    subscriptionOf.set(u.id, id);
    const tier = u.email === 'customer@example.com' ? 'professional' : 'free';
    return { id, userId: u.id, tierId: tiers.get(tier)!, anchorDay, currentPeriodStart: period.start, currentPeriodEnd: period.end, createdAt: u.createdAt, updatedAt: u.createdAt };
  });
  const usage = (ownerId: string, metric: 'analyses_run' | 'projects_created' | 'storage_bytes', quantity: number, key: string, at: Date) => ({
    subscriptionId: subscriptionOf.get(ownerId)!,
    metric,
    quantity,
    periodStart: periodContaining(anchors.get(ownerId)!, at).start,
    idempotencyKey: key,
    recordedAt: at,
  });
  const opts = { transaction, validate: false, returning: false } as const;
  await BillingAccount.bulkCreate(data.users.map((u) => ({ userId: u.id, createdAt: u.createdAt, updatedAt: u.createdAt })), opts);
  const card = await giveDemoCard(data, transaction);
  await Subscription.bulkCreate(subscriptions, opts);
  await UsageRecord.bulkCreate(
    [
      ...data.projects.map((p) => usage(p.ownerId, 'projects_created', 1, `project:${p.id}`, p.createdAt)),
      ...data.snippets.map((s) => usage(s.ownerId, 'storage_bytes', s.sizeBytes, `snippet:${s.id}`, s.createdAt)),
      ...data.analyses.map((a) => usage(a.ownerId, 'analyses_run', 1, `analysis:${a.id}`, a.createdAt)),
    ],
    opts,
  );
  // Paid invoices need the card that paid them (none with Stripe configured: see giveDemoCard).
  const customer = data.users.find((u) => u.email === 'customer@example.com');
  if (card && customer) await seedDemoInvoices({ subscriptionId: subscriptionOf.get(customer.id)!, card, now }, transaction);
}

/**
 * The Professional demo customer pays with the local test gateway's 4242 card (its rows, as if added in
 * the portal), so demo month end collects instead of dunning. With Stripe configured the card would have to
 * exist at Stripe, so then the customer has none and adds one through Elements.
 */
async function giveDemoCard(data: DemoData, transaction: Transaction): Promise<DemoCard | null> {
  if (process.env.STRIPE_SECRET_KEY) return null;
  const customer = data.users.find((u) => u.email === 'customer@example.com');
  if (!customer) return null;
  const [cus, pm] = ['cus_local_demo000000000000000001', 'pm_local_demo0000000000000000001'];
  await db().query(
    `INSERT INTO local_gateway_customers (id, user_id, email, name, default_payment_method_id, created_at) VALUES (?, ?, ?, ?, ?, ?);
     INSERT INTO local_gateway_payment_methods (id, customer_id, brand, last4, exp_month, exp_year, behaviour, created_at) VALUES (?, ?, 'visa', '4242', 12, 2099, 'succeeds', ?);
     UPDATE billing_accounts SET gateway_customer_id = ?, default_payment_method_id = ? WHERE user_id = ?;`,
    { replacements: [cus, customer.id, customer.email, customer.name, pm, customer.createdAt, pm, cus, customer.createdAt, cus, pm, customer.id], transaction },
  );
  return { customerId: cus, paymentMethodId: pm };
}

function buildDemoData(passwordHash: string, now: Date): DemoData {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(42);
  const t = now.getTime();
  const ago = (ms: number) => new Date(t - ms);
  /** A date in [from, to]; `from` when the range is empty. */
  const between = (from: Date, to: Date) => (to.getTime() <= from.getTime() ? new Date(from) : faker.date.between({ from, to }));
  /** `from + ms`, or `cap` when that is earlier. */
  const earliest = (from: Date, ms: number, cap: Date) => new Date(Math.min(from.getTime() + ms, cap.getTime()));
  const data: DemoData = { users: [], adminUsers: [], projects: [], snippets: [], analyses: [], intakes: [] };

  const addUser = (u: { name: string; email: string; status?: 'active' | 'suspended'; createdAt: Date; lastActiveAt: Date | null }) => {
    const row = {
      id: faker.string.uuid(),
      name: u.name,
      email: u.email,
      passwordHash,
      status: u.status ?? 'active',
      lastActiveAt: u.lastActiveAt,
      createdAt: u.createdAt,
      updatedAt: u.lastActiveAt && u.lastActiveAt > u.createdAt ? between(u.createdAt, u.lastActiveAt) : u.createdAt,
    } satisfies Row<User>;
    data.users.push(row);
    return row;
  };

  const addProject = (owner: Row<User>, p: { name?: string; createdAt: Date; status?: ProjectStatus }) => {
    const status = p.status ?? faker.helpers.weightedArrayElement<ProjectStatus>([
      { weight: 6, value: 'active' },
      { weight: 3, value: 'completed' },
      { weight: 1, value: 'archived' },
    ]);
    const row = {
      id: faker.string.uuid(),
      ownerId: owner.id,
      name: p.name ?? projectName(),
      description: faker.helpers.maybe(() => faker.company.catchPhrase(), { probability: 0.8 }) ?? '',
      status,
      completionPercentage: status === 'completed' ? 100 : faker.number.int({ min: 0, max: status === 'active' ? 95 : 100 }),
      createdAt: p.createdAt,
      updatedAt: between(p.createdAt, ago(HOUR_MS)),
    } satisfies Row<Project>;
    data.projects.push(row);
    return row;
  };

  const addSnippet = (project: Row<Project>, createdAt: Date, template = faker.helpers.arrayElement(SNIPPET_TEMPLATES)) => {
    const folder = faker.helpers.arrayElement(['', '', 'src/', 'lib/', 'scripts/', 'app/', 'services/']);
    const filename = folder + faker.helpers.arrayElement(template.filenames);
    const row = {
      id: faker.string.uuid(),
      projectId: project.id,
      ownerId: project.ownerId,
      filename,
      language: template.language,
      content: template.content,
      sizeBytes: Buffer.byteLength(template.content, 'utf8'),
      createdAt,
      updatedAt: createdAt,
      template,
    };
    data.snippets.push(row);
    return row;
  };

  /** A completed analysis created at `createdAt`; its results are filled in by the analyzer later. */
  const addAnalysis = (snippet: DemoData['snippets'][number], createdAt: Date, type: AnalysisType = faker.helpers.arrayElement(ANALYSIS_TYPES)) => {
    const startedAt = new Date(createdAt.getTime() + faker.number.int({ min: 300, max: 4_000 }));
    const completedAt = new Date(startedAt.getTime() + faker.number.int({ min: 200, max: 3_000 }));
    data.analyses.push({
      id: faker.string.uuid(),
      projectId: snippet.projectId,
      snippetId: snippet.id,
      ownerId: snippet.ownerId,
      snippetFilename: snippet.filename,
      type,
      status: 'completed',
      startedAt,
      completedAt,
      createdAt,
      updatedAt: completedAt,
    });
  };

  const addIntake = (owner: Row<User>, createdAt: Date, status?: IntakeStatus) => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    data.intakes.push({
      id: faker.string.uuid(),
      ownerId: owner.id,
      customerName: `${first} ${last}`,
      company: faker.helpers.maybe(() => faker.company.name(), { probability: 0.85 }) ?? '',
      email: `${ascii(first)}.${ascii(last)}@${faker.helpers.arrayElement(['example.com', 'example.net', 'example.org'])}`,
      status: status ?? faker.helpers.arrayElement(INTAKE_STATUSES),
      notes: faker.helpers.maybe(() => faker.lorem.sentences({ min: 1, max: 3 }), { probability: 0.7 }) ?? '',
      createdAt,
      updatedAt: between(createdAt, ago(MINUTE_MS)),
    });
  };

  /** Snippets (1–4) and their analyses (0–3 each) for a project, all after its creation. */
  const fillProject = (project: Row<Project>, opts: { snippets?: number; analysesPerSnippet?: [number, number] } = {}) => {
    const snippetCount = opts.snippets ?? faker.number.int({ min: 1, max: 4 });
    const [minA, maxA] = opts.analysesPerSnippet ?? [0, 3];
    for (let i = 0; i < snippetCount; i++) {
      // code arrives in the first weeks of a project and is analysed over the following months
      const snippet = addSnippet(project, between(project.createdAt, earliest(project.createdAt, 30 * DAY_MS, ago(2 * HOUR_MS))));
      const analyses = faker.number.int({ min: minA, max: maxA });
      for (let j = 0; j < analyses; j++) addAnalysis(snippet, between(snippet.createdAt, earliest(snippet.createdAt, 90 * DAY_MS, ago(MINUTE_MS))));
    }
  };

  function projectName(): string {
    const kind = faker.helpers.arrayElement(['API', 'Dashboard', 'Service', 'Portal', 'CLI', 'Worker', 'SDK', 'Website', 'Importer', 'Bot']);
    return `${capitalize(faker.word.adjective())} ${capitalize(faker.word.noun())} ${kind}`;
  }

  // --- The staff accounts ---------------------------------------------------------------------------
  const staff: Array<[string, string, AdminRole, number]> = [
    ['Olivia Ops', 'ops@example.com', 'super_admin', 182],
    ['Ben Billing', 'billing@example.com', 'billing_admin', 175],
    ['Sara Support', 'support@example.com', 'support_admin', 171],
    ['Andy Analyst', 'analyst@example.com', 'analytics_admin', 160],
  ];
  for (const [name, email, role, days] of staff) {
    const user = addUser({ name, email, createdAt: ago(days * DAY_MS), lastActiveAt: ago(faker.number.int({ min: 1, max: 30 }) * HOUR_MS) });
    data.adminUsers.push({
      id: faker.string.uuid(),
      userId: user.id,
      role,
      permissions: [],
      grantedAt: new Date(user.createdAt.getTime() + MINUTE_MS),
      grantedBy: null,
      createdAt: new Date(user.createdAt.getTime() + MINUTE_MS),
      updatedAt: new Date(user.createdAt.getTime() + MINUTE_MS),
    });
  }

  // --- Casey Customer: an established customer with a bit of everything ----------------------------
  const casey = addUser({ name: 'Casey Customer', email: 'customer@example.com', createdAt: ago(150 * DAY_MS), lastActiveAt: ago(3 * HOUR_MS) });
  const caseyProjects: Array<[string, ProjectStatus, number]> = [
    ['Checkout Service', 'active', 140],
    ['Reporting Pipeline', 'active', 95],
    ['Marketing Website', 'completed', 120],
    ['Legacy Importer', 'archived', 148],
    ['Mobile API', 'active', 20],
  ];
  for (const [name, status, days] of caseyProjects) {
    const project = addProject(casey, { name, status, createdAt: ago(days * DAY_MS) });
    fillProject(project, { snippets: faker.number.int({ min: 2, max: 4 }), analysesPerSnippet: [1, 3] });
  }
  addIntake(casey, ago(100 * DAY_MS), 'accepted');
  addIntake(casey, ago(40 * DAY_MS), 'in_review');
  addIntake(casey, ago(2 * DAY_MS), 'new');

  // --- Frankie Free: a Free customer close to its limits (3 projects, 20 analyses a month) ---------
  const frankie = addUser({ name: 'Frankie Free', email: 'free@example.com', createdAt: ago(70 * DAY_MS), lastActiveAt: ago(30 * MINUTE_MS) });
  const frankieProjects = [
    addProject(frankie, { name: 'Side Project', status: 'active', createdAt: ago(65 * DAY_MS) }),
    addProject(frankie, { name: 'Homework Helpers', status: 'active', createdAt: ago(50 * DAY_MS) }),
  ];
  const frankieSnippets = [
    addSnippet(frankieProjects[0], ago(64 * DAY_MS), SNIPPET_TEMPLATES[1]),
    addSnippet(frankieProjects[0], ago(60 * DAY_MS), SNIPPET_TEMPLATES[6]),
    addSnippet(frankieProjects[1], ago(49 * DAY_MS), SNIPPET_TEMPLATES[5]),
  ];
  // a few last month (inside the snippets' lifetime, before this month started) …
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 0; i < 5; i++) {
    const snippet = frankieSnippets[i % frankieSnippets.length];
    addAnalysis(snippet, between(new Date(Math.max(snippet.createdAt.getTime(), monthStart.getTime() - 25 * DAY_MS)), new Date(monthStart.getTime() - HOUR_MS)));
  }
  // … and 18 of the 20 allowed this (calendar) month, evenly between its start and now
  const THIS_MONTH = 18;
  const windowStart = monthStart.getTime();
  const windowEnd = Math.max(windowStart, t - MINUTE_MS);
  for (let i = 0; i < THIS_MONTH; i++) {
    const at = new Date(windowStart + Math.floor(((windowEnd - windowStart) * (i + 0.5)) / THIS_MONTH));
    addAnalysis(frankieSnippets[i % frankieSnippets.length], at, ANALYSIS_TYPES[i % ANALYSIS_TYPES.length]);
  }
  addIntake(frankie, ago(30 * DAY_MS), 'new');

  // --- Fifty more customers over the last six months ---------------------------------------------
  for (let i = 1; i <= FURTHER_CUSTOMERS; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const createdAt = between(ago(182 * DAY_MS), ago(2 * DAY_MS));
    const user = addUser({
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.${i}@example.org`,
      status: i % 20 === 7 ? 'suspended' : 'active', // 3 of 50, about 5%
      createdAt,
      lastActiveAt: between(new Date(createdAt.getTime() + HOUR_MS), ago(MINUTE_MS)),
    });
    const projects = faker.number.int({ min: 0, max: 6 });
    for (let p = 0; p < projects; p++) fillProject(addProject(user, { createdAt: between(new Date(createdAt.getTime() + HOUR_MS), ago(DAY_MS)) }));
    const intakes = faker.number.int({ min: 0, max: 3 });
    for (let k = 0; k < intakes; k++) addIntake(user, between(createdAt, ago(HOUR_MS)));
  }

  // A suspended account does nothing after its suspension, so it was suspended at its last activity, which
  // the suspension ended; that is also the account's last change (the audit row follows it: demo-audit.ts).
  for (const u of data.users.filter((x) => x.status === 'suspended')) {
    const own = [...data.projects, ...data.snippets, ...data.analyses, ...data.intakes].filter((r) => r.ownerId === u.id);
    const last = new Date(Math.max(u.lastActiveAt?.getTime() ?? u.createdAt.getTime(), ...own.map((r) => r.updatedAt.getTime())));
    Object.assign(u, { lastActiveAt: last, updatedAt: last });
  }

  return data;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Zoë O'Connor" → "zoe", "oconnor": safe for the local part of an e-mail address. */
function ascii(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '') || 'user';
}
