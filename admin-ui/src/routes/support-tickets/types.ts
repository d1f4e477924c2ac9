export type TicketStatus = "open" | "in_progress" | "waiting_on_customer" | "resolved" | "closed";
export type TicketPriority = "low" | "normal" | "high" | "urgent";

export const STATUSES: TicketStatus[] = ["open", "in_progress", "waiting_on_customer", "resolved", "closed"];
export const PRIORITIES: TicketPriority[] = ["urgent", "high", "normal", "low"];
export const TIERS = ["free", "professional", "enterprise"] as const;

export interface AgentTicket {
  id: string;
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  prioritySupport: boolean;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  customerTier: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  errorId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  slaBreached: boolean;
  escalatedAt: string | null;
  rating: { score: number; comment: string | null; ratedAt: string | null } | null;
  lastMessageAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketMessage {
  id: string;
  authorId: string | null;
  authorKind: "customer" | "agent" | "system";
  authorName: string | null;
  internal: boolean;
  content: string;
  createdAt: string;
}

export interface TicketDetail extends AgentTicket {
  customer: { id: string; name: string; email: string; tier: string; prioritySupport: boolean; ticketCount: number } | null;
  messages: TicketMessage[];
}

export interface CannedResponse {
  id: string;
  title: string;
  content: string;
  rendered?: string;
  updatedAt: string;
}

export interface SlaPolicy {
  priority: TicketPriority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  prioritySupport: { firstResponseMinutes: number; resolutionMinutes: number };
}

export interface SupportAgent {
  userId: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  maxOpenTickets: number;
  openTickets: number;
  inRotation: boolean;
}
