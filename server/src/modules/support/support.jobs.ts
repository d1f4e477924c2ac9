import { logger } from '../../lib/logger';
import { escalateSlaBreaches, SLA_ESCALATE_JOB } from './services/escalate-sla.service';
import { assignWaitingTickets } from './services/assign-waiting-tickets.service';

/** The support sweep, every few minutes: escalate SLA breaches, then hand waiting tickets to agents with room. */
export const SUPPORT_SWEEP_JOB = SLA_ESCALATE_JOB;

export async function runSupportSweep(): Promise<void> {
  const { escalated } = await escalateSlaBreaches();
  const { assigned } = await assignWaitingTickets();
  if (escalated || assigned) logger.info({ escalated, assigned }, 'support: SLA sweep');
}
