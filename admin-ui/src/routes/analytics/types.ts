/** Shapes of /api/admin/analytics/* (server/src/modules/analytics/services/admin-*.service.ts). */
export interface DayRange {
  from: string;
  to: string;
}

export interface Report<K extends string, S> {
  range: DayRange;
  tier: string | null;
  kpis: Record<K, number>;
  series: S[];
  previous: { range: DayRange; kpis: Record<K, number>; series: S[] } | null;
  changes: Record<K, number | null> | null;
}

export type UsersReport = Report<
  'signups' | 'totalCustomers' | 'activeUsers' | 'avgDau' | 'wau' | 'mau' | 'stickiness' | 'eventsPerActiveUser' | 'activeDaysPerActiveUser' | 'churnRate' | 'churnedUsers',
  { day: string; signups: number; activeUsers: number; totalCustomers: number; events: number }
>;

export type PlatformReport = Report<
  'projectsCreated' | 'analysesRun' | 'analysesCompleted' | 'completionRate' | 'activeUsers' | 'analysesPerActiveUser' | 'events',
  { day: string; activeUsers: number; projectsCreated: number; analysesRun: number; analysesCompleted: number; events: number }
> & {
  featureAdoption: Array<{ feature: string; users: number; share: number }>;
  topProjects: Array<{ id: string; name: string; ownerEmail: string; tier: string; analyses: number; bugsFound: number; avgQualityScore: number | null }>;
  topCustomers: Array<{ id: string; name: string; email: string; tier: string; analyses: number; events: number; activeDays: number }>;
};

export type RevenueReport = Report<
  'mrrStartCents' | 'newMrrCents' | 'expansionMrrCents' | 'contractionMrrCents' | 'churnedMrrCents' | 'netNewMrrCents' | 'mrrEndCents' | 'arrEndCents' | 'invoicedCents' | 'paidCents' | 'payingCustomers' | 'arpuCents' | 'newCustomers' | 'churnedCustomers',
  { day: string; mrrCents: number; newCents: number; expansionCents: number; contractionCents: number; churnedCents: number; invoicedCents: number; paidCents: number }
> & { currency: string; subscriptionMix: Array<{ tier: string; subscribers: number; mrrCents: number }> };

export type QualityReport = Report<
  'analysesCompleted' | 'avgQualityScore' | 'bugsFound' | 'bugsPerAnalysis' | 'avgConfidence',
  { day: string; analysesCompleted: number; avgQualityScore: number | null; bugsFound: number; bugsPerAnalysis: number | null }
> & { byType: Array<{ type: string; analysesCompleted: number; avgQualityScore: number; bugsFound: number; avgConfidence: number }> };

export interface Cohort {
  cohort: string;
  size: number;
  retention: number[];
  active: number[];
}

export type RetentionReport = Report<'cohorts' | 'customers' | 'retentionPeriod1' | 'retentionPeriod3', Record<string, string | number>> & {
  period: 'week' | 'month';
  cohorts: Cohort[];
};
