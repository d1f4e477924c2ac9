import { Tag } from 'antd';
import type { ProjectStatus } from '../../lib/api-types';

export const PROJECT_STATUSES: Record<ProjectStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'blue' },
  completed: { label: 'Completed', color: 'green' },
  archived: { label: 'Archived', color: 'default' },
};

export const PROJECT_STATUS_OPTIONS = (Object.keys(PROJECT_STATUSES) as ProjectStatus[]).map((value) => ({
  value,
  label: PROJECT_STATUSES[value].label,
}));

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { label, color } = PROJECT_STATUSES[status] ?? { label: status, color: 'default' };
  return <Tag color={color}>{label}</Tag>;
}
