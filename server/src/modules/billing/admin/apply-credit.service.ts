import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { BillingAccount, CreditGrant, Subscription } from '../billing.models';
import { assertCents } from '../money';

/**
 * Adds account credit for the subscription's customer (a billing admin's goodwill gesture or correction).
 * Nothing is charged or paid out: the balance is taken off the customer's next invoices first, by the
 * month-end and upgrade invoices (computeInvoiceTotals). Ledger row, balance and audit in one transaction.
 */
export async function applyCredit(actor: AuditActor, subscriptionId: string, input: { amountCents: number; reason: string }) {
  assertCents(input.amountCents, 'amountCents');
  return db().transaction(async (transaction) => {
    const subscription = await Subscription.findByPk(subscriptionId, { transaction });
    if (!subscription) throw AppError.notFound('Subscription');
    const account = await BillingAccount.findOne({ where: { userId: subscription.userId }, transaction, lock: transaction.LOCK.UPDATE });
    if (!account) throw AppError.conflict('no_billing_account', 'This customer has no billing account');
    const before = account.creditBalanceCents;
    const after = before + input.amountCents;
    await account.update({ creditBalanceCents: after }, { transaction });
    const grant = await CreditGrant.create(
      { billingAccountId: account.id, subscriptionId, amountCents: input.amountCents, balanceAfterCents: after, reason: input.reason, actorId: actor.id },
      { transaction },
    );
    await audit(actor, {
      action: 'subscription.credit_applied', targetType: 'subscription', targetId: subscriptionId,
      before: { creditBalanceCents: before }, after: { creditBalanceCents: after, amountCents: input.amountCents, reason: input.reason, creditGrantId: grant.id },
    }, transaction);
    return { subscriptionId, creditBalanceCents: after, grant: { id: grant.id, amountCents: grant.amountCents, balanceAfterCents: after, reason: grant.reason, createdAt: grant.createdAt.toISOString() } };
  });
}
