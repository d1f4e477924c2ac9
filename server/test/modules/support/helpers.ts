import { db } from '../../../src/db/sequelize';
import { SupportAgent } from '../../../src/modules/support/support.models';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { makeUser } from '../../support/factories';
import { makeSubscription } from '../../support/billing-factories';
import { signIn } from '../../support/app';

export const SLA_DEFAULTS = { urgent: [60, 480], high: [240, 1440], normal: [480, 4320], low: [1440, 10080] } as const;

/** Puts the seeded SLA targets back (a test may have edited them). */
export async function restoreSlaDefaults(): Promise<void> {
  for (const [p, [f, r]] of Object.entries(SLA_DEFAULTS)) {
    await db().query(`UPDATE sla_policies SET first_response_minutes = ?, resolution_minutes = ? WHERE priority = ?`, { replacements: [f, r, p] });
  }
}

/** A support admin in the round-robin with the given capacity. */
export async function makeAgent(over: { name?: string; email?: string; max?: number; active?: boolean; role?: 'support_admin' | 'super_admin' } = {}) {
  const user = await makeUser({ name: over.name ?? 'Agent', email: over.email, role: over.role ?? 'support_admin' });
  await SupportAgent.create({ userId: user.id, active: over.active ?? true, maxOpenTickets: over.max ?? 25 });
  return user;
}

/** A signed-in customer on a tier. */
export async function makeCustomer(over: { name?: string; email?: string; tier?: 'free' | 'professional' | 'enterprise' } = {}) {
  const user = await makeUser({ name: over.name ?? 'Casey Customer', email: over.email });
  await makeSubscription(user.id, { tier: over.tier ?? 'free' });
  return { user, agent: await signIn(user.email) };
}

export async function emailsTo(address: string, template?: string) {
  return OutboxEmail.findAll({ where: { toAddress: address, ...(template ? { template } : {}) }, order: [['createdAt', 'ASC']] });
}

/** Every string anywhere in a JSON value, to prove a secret does not appear in a response. */
export function containsText(body: unknown, needle: string): boolean {
  return JSON.stringify(body).includes(needle);
}
