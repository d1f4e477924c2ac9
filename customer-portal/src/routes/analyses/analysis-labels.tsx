import { Badge, Space, Spin, Tag } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import type { Analysis, AnalysisStatus, AnalysisType, FindingSeverity } from '../../lib/api-types';

export const ANALYSIS_TYPES: Record<AnalysisType, { label: string; color: string; description: string }> = {
  security: { label: 'Security', color: 'red', description: 'Injection, secrets, unsafe APIs' },
  quality: { label: 'Quality', color: 'blue', description: 'Readability, complexity, style' },
  performance: { label: 'Performance', color: 'purple', description: 'Hot loops, allocations, blocking calls' },
  bugs: { label: 'Bugs', color: 'orange', description: 'Likely defects and edge cases' },
};

export const ANALYSIS_TYPE_KEYS = Object.keys(ANALYSIS_TYPES) as AnalysisType[];

export const SEVERITIES: Record<FindingSeverity, { label: string; color: string; rank: number; highlight: string }> = {
  critical: { label: 'Critical', color: 'magenta', rank: 5, highlight: 'rgba(235, 47, 150, 0.14)' },
  high: { label: 'High', color: 'red', rank: 4, highlight: 'rgba(245, 34, 45, 0.12)' },
  medium: { label: 'Medium', color: 'orange', rank: 3, highlight: 'rgba(250, 140, 22, 0.14)' },
  low: { label: 'Low', color: 'gold', rank: 2, highlight: 'rgba(250, 219, 20, 0.18)' },
  info: { label: 'Info', color: 'blue', rank: 1, highlight: 'rgba(22, 119, 255, 0.10)' },
};

const STATUS_BADGE: Record<AnalysisStatus, 'default' | 'processing' | 'success' | 'error'> = {
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

/** Queued or running: the result is not there yet, so the page keeps polling. */
export function isAnalysisPending(analysis: Pick<Analysis, 'status'> | undefined | null): boolean {
  return analysis?.status === 'queued' || analysis?.status === 'running';
}

/** Polling cadence while any analysis is unfinished (the job completes within ~1–2 s). */
export const ANALYSIS_POLL_MS = 1000;

export function AnalysisTypeTag({ type }: { type: AnalysisType }) {
  const meta = ANALYSIS_TYPES[type];
  return <Tag color={meta?.color}>{meta?.label ?? type}</Tag>;
}

/**
 * The status as the API spells it ("queued", "running", "completed", "failed"; shown capitalised by
 * CSS), with a spinner while the analysis is unfinished. `data-status` carries the same value.
 */
export function AnalysisStatusBadge({ status }: { status: AnalysisStatus }) {
  const pending = status === 'queued' || status === 'running';
  return (
    <Space size={6} data-testid="analysis-status" data-status={status}>
      {pending ? <Spin size="small" indicator={<LoadingOutlined spin />} /> : null}
      <Badge status={STATUS_BADGE[status] ?? 'default'} text={<span style={{ textTransform: 'capitalize' }}>{status}</span>} />
    </Space>
  );
}

export function SeverityTag({ severity }: { severity: FindingSeverity }) {
  const meta = SEVERITIES[severity];
  return <Tag color={meta?.color ?? 'default'}>{meta?.label ?? severity}</Tag>;
}

/** Score colour: red below 50, orange below 75, green from 75 (shades that read as text on white: 4.5:1 and more). */
export function scoreColor(score: number): string {
  if (score < 50) return '#cf1322';
  if (score < 75) return '#ad4e00';
  return '#237804';
}
