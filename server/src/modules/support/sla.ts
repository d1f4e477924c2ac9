import { TICKET_PRIORITIES, type TicketPriority } from './support.models';

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/**
 * Priority support (Professional and Enterprise) halves the policy's targets, rounded up to a whole
 * minute: a 480-minute first response becomes 240, 45 becomes 23.
 */
export function effectiveTargets(policy: SlaTargets, prioritySupport: boolean): SlaTargets {
  // picked field by field: the policy may be a model instance, whose attributes are getters
  const { firstResponseMinutes, resolutionMinutes } = policy;
  if (!prioritySupport) return { firstResponseMinutes, resolutionMinutes };
  return { firstResponseMinutes: Math.ceil(firstResponseMinutes / 2), resolutionMinutes: Math.ceil(resolutionMinutes / 2) };
}

/** When the first response and the resolution are due for a ticket opened at `openedAt`. */
export function dueTimes(openedAt: Date, policy: SlaTargets, prioritySupport: boolean): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const t = effectiveTargets(policy, prioritySupport);
  return {
    firstResponseDueAt: new Date(openedAt.getTime() + t.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(openedAt.getTime() + t.resolutionMinutes * 60_000),
  };
}

/** One step up (low → normal → high → urgent); urgent stays urgent. */
export function raisePriority(p: TicketPriority): TicketPriority {
  const i = TICKET_PRIORITIES.indexOf(p);
  return TICKET_PRIORITIES[Math.min(i + 1, TICKET_PRIORITIES.length - 1)];
}

export type SlaBreach = 'first_response' | 'resolution';

/** Which target an open ticket has missed at `now`, if any (a ticket waiting on the customer does not run the resolution clock against us). */
export function breachOf(
  t: { status: string; firstRespondedAt: Date | null; firstResponseDueAt: Date; resolutionDueAt: Date },
  now: Date,
): SlaBreach | null {
  if (t.status === 'resolved' || t.status === 'closed') return null;
  if (!t.firstRespondedAt && t.firstResponseDueAt <= now) return 'first_response';
  if (t.status !== 'waiting_on_customer' && t.resolutionDueAt <= now) return 'resolution';
  return null;
}
