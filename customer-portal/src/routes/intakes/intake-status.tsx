import { Tag } from 'antd';
import type { IntakeStatus } from '../../lib/api-types';

export const INTAKE_STATUSES: Record<IntakeStatus, { label: string; color: string }> = {
  new: { label: 'New', color: 'blue' },
  in_review: { label: 'In review', color: 'gold' },
  accepted: { label: 'Accepted', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
};

export const INTAKE_STATUS_OPTIONS = (Object.keys(INTAKE_STATUSES) as IntakeStatus[]).map((value) => ({
  value,
  label: INTAKE_STATUSES[value].label,
}));

export function IntakeStatusTag({ status }: { status: IntakeStatus }) {
  const { label, color } = INTAKE_STATUSES[status] ?? { label: status, color: 'default' };
  return <Tag color={color}>{label}</Tag>;
}
