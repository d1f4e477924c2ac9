/** Shapes of the API's JSON (camelCase, timestamps as ISO-8601 UTC strings). */

export type User = {
  id: string;
  name: string;
  email: string;
  status: 'active' | 'suspended';
  role: 'customer' | 'super_admin' | 'billing_admin' | 'support_admin' | 'analytics_admin';
  isAdmin: boolean;
  permissions: string[];
  createdAt: string;
  lastActiveAt: string | null;
};

export type ProjectStatus = 'active' | 'completed' | 'archived';

export type Project = {
  id: string;
  name: string;
  description: string | null;
  status: ProjectStatus;
  completionPercentage: number;
  snippetCount: number;
  analysisCount: number;
  createdAt: string;
  updatedAt: string;
};

export type SnippetLanguage =
  | 'javascript' | 'typescript' | 'python' | 'java' | 'go' | 'ruby'
  | 'c' | 'cpp' | 'csharp' | 'php' | 'rust' | 'other';

export type Snippet = {
  id: string;
  projectId: string;
  filename: string;
  language: SnippetLanguage;
  content: string;
  sizeBytes: number;
  createdAt: string;
  updatedAt: string;
};

export type AnalysisType = 'security' | 'quality' | 'performance' | 'bugs';
export type AnalysisStatus = 'queued' | 'running' | 'completed' | 'failed';
export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export type Finding = {
  line: number;
  column?: number | null;
  rule: string;
  severity: FindingSeverity;
  message: string;
  category: string;
};

export type Analysis = {
  id: string;
  projectId: string;
  snippetId: string;
  snippetFilename: string | null;
  type: AnalysisType;
  status: AnalysisStatus;
  qualityScore: number | null;
  bugsFound: number | null;
  confidence: number | null;
  summary: string | null;
  findings: Finding[] | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

export type IntakeStatus = 'new' | 'in_review' | 'accepted' | 'rejected';

export type Intake = {
  id: string;
  customerName: string;
  company: string | null;
  email: string;
  status: IntakeStatus;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PublicConfig = {
  environment: string;
  release: string;
  maintenance: { enabled: boolean; message: string | null };
  sentryDsn: string | null;
  stripePublishableKey: string | null;
};

/** Money is integer cents; format it with `formatCents` and never compute with it in the browser. */
export type TierName = 'free' | 'professional' | 'enterprise';

export type SubscriptionTier = {
  name: TierName;
  displayName: string;
  monthlyPriceCents: number;
  currency: string;
  /** null = unlimited */
  maxProjects: number | null;
  maxAnalysesPerMonth: number | null;
  maxStorageMb: number | null;
  includesPrioritySupport: boolean;
  includesAdvancedAnalytics: boolean;
  /** Price of each analysis above the monthly limit; 0 = the limit is hard. */
  overageAnalysisCents: number;
};

export type SubscriptionStatus = 'active' | 'past_due' | 'cancelled' | 'trial';

export type CurrentSubscription = {
  id: string;
  status: SubscriptionStatus;
  tier: SubscriptionTier;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  cancelledAt: string | null;
  /** A downgrade that applies at the period end. */
  scheduledTier: SubscriptionTier | null;
};

export type UsageMetricName = 'analyses_run' | 'projects_created' | 'storage_bytes';

export type UsageMetric = {
  metric: UsageMetricName;
  /** Analyses: this period; projects: held now; storage: bytes held now. */
  used: number;
  /** null = unlimited; storage in bytes. */
  limit: number | null;
  /** Whole percent of the limit (over 100 = over the limit); null when unlimited. */
  percent: number | null;
};

export type SubscriptionUsage = {
  tier: TierName;
  periodStart: string;
  periodEnd: string;
  metrics: UsageMetric[];
  projectedOverage: { analyses: number; unitPriceCents: number; totalCents: number; currency: string };
};

export type PaymentMethod = {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
};

export type InvoiceKind = 'regular' | 'proration' | 'manual';
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'failed' | 'refunded' | 'void';

export type Invoice = {
  id: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  periodStart: string;
  periodEnd: string;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  overageChargesCents: number;
  creditAppliedCents: number;
  currency: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  paidAt: string | null;
  createdAt: string;
};

export type InvoiceItemType = 'subscription' | 'overage' | 'credit' | 'proration' | 'tax';

export type InvoiceDetail = Invoice & {
  /** Each charge line's service period (the plan fee: the coming period; overage: the ended one); null for credit and tax. */
  items: Array<{ id: string; description: string; quantity: number; unitPriceCents: number; totalCents: number; itemType: InvoiceItemType; periodStart: string | null; periodEnd: string | null }>;
};

/** GET /subscriptions/upgrade-preview: what an upgrade charges now, computed by the server. */
export type UpgradePreview = {
  tier: TierName;
  amountDueNowCents: number;
  subtotalCents: number;
  taxCents: number;
  creditAppliedCents: number;
  currency: string;
  periodEnd: string;
  daysRemaining: number;
  daysInPeriod: number;
};

export type UpgradeResult = { subscription: CurrentSubscription; invoice: Invoice };
