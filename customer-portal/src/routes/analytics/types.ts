/** Shapes of /api/analytics/* (server/src/modules/analytics). */
import type { ProjectStatus } from '../../lib/api-types';
export interface DayRange {
  from: string;
  to: string;
}

export interface CustomerKpis {
  analysesRun: number;
  analysesCompleted: number;
  bugsFound: number;
  avgQualityScore: number;
  avgConfidence: number;
  projectsCreated: number;
  snippetsCreated: number;
  logins: number;
  exports: number;
}

export interface ActivityItem {
  type: string;
  occurredAt: string;
  projectId: string | null;
  projectName: string | null;
  details: Record<string, unknown>;
}

export interface CustomerDashboard {
  range: DayRange;
  previousRange: DayRange | null;
  totals: { totalProjects: number; activeProjects: number; projectsCompleted: number; completionRate: number; totalAnalyses: number; aiInteractions: number };
  kpis: CustomerKpis;
  previous: CustomerKpis | null;
  changes: Record<keyof CustomerKpis, number | null> | null;
  distribution: Array<{ type: string; count: number }>;
  recentActivity: ActivityItem[];
  rolledUpAt: string | null;
}

export interface TimelineDay {
  day: string;
  analysesRun: number;
  analysesCompleted: number;
  bugsFound: number;
  avgQualityScore: number | null;
  projectsCreated: number;
  snippetsCreated: number;
  logins: number;
  exports: number;
  events: number;
}

export interface ProjectAnalyticsRow {
  id: string;
  name: string;
  status: ProjectStatus;
  completionPercentage: number;
  totalAnalyses: number;
  totalBugsFound: number;
  avgQualityScore: number;
  avgConfidence: number;
  lastAnalysisAt: string | null;
  analysesInRange: number;
  bugsInRange: number;
  avgQualityInRange: number | null;
}

export interface ProjectAnalytics {
  project: { id: string; name: string; status: ProjectStatus; completionPercentage: number; ownerName: string; createdAt: string };
  range: DayRange;
  metrics: { totalAnalyses: number; totalBugsFound: number; avgQualityScore: number; avgConfidence: number; lastAnalysisAt: string | null; rolledUpAt: string | null };
  trend: Array<{ day: string; analyses: number; bugsFound: number; avgQualityScore: number | null; avgConfidence: number | null }>;
  byType: Array<{ type: string; analyses: number; completed: number; bugsFound: number; avgQualityScore: number | null; avgConfidence: number | null }>;
  recentAnalyses: Array<{ id: string; type: string; filename: string; qualityScore: number | null; bugsFound: number | null; confidence: number | null; summary: string | null; completedAt: string }>;
}
