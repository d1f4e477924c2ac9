import { Tag } from 'antd';

export type TicketStatus = 'open' | 'in_progress' | 'waiting_on_customer' | 'resolved' | 'closed';

export interface PortalTicketMessage {
  id: string;
  author: { kind: 'customer' | 'agent' | 'system'; name: string };
  content: string;
  createdAt: string;
}

export interface PortalTicket {
  id: string;
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  prioritySupport: boolean;
  errorId: string | null;
  rating: { score: number; comment: string | null } | null;
  canRate: boolean;
  lastMessageAt: string | null;
  createdAt: string;
  updatedAt: string;
  messages?: PortalTicketMessage[];
}

const LABELS: Record<TicketStatus, [string, string]> = {
  open: ['Open', 'blue'],
  in_progress: ['In progress', 'processing'],
  waiting_on_customer: ['Awaiting your reply', 'gold'],
  resolved: ['Resolved', 'green'],
  closed: ['Closed', 'default'],
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const [label, color] = LABELS[status] ?? [status, 'default'];
  return <Tag color={color}>{label}</Tag>;
}

export const ticketKeys = { list: ['support-tickets'] as const, one: (id: string) => ['support-tickets', id] as const };
