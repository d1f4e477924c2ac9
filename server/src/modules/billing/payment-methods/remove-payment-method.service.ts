import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import { AppError } from '../../../http/errors';
import type { PaymentGateway } from '../gateways';
import { lockSubscription } from '../subscription-lock';
import { lockAccountWithCustomer, syncDefault } from './billing-account';

/**
 * Removes a saved card. The last card cannot go while a paid plan is live (its renewals are charged to it):
 * 409 payment_method_required. When the default goes, the newest remaining card takes its place.
 */
export async function removePaymentMethod(gateway: PaymentGateway, user: AuthUser, paymentMethodId: string): Promise<void> {
  await db().transaction(async (transaction) => {
    // Subscription first, then the account (the plan-change order): an upgrade racing this removal either
    // sees the card still there or waits, so a paid plan never ends up without a card.
    const { tier } = await lockSubscription(transaction, user.id);
    const account = await lockAccountWithCustomer(transaction, gateway, user);
    const cards = await gateway.listPaymentMethods(account.gatewayCustomerId);
    if (!cards.some((c) => c.paymentMethodId === paymentMethodId)) throw AppError.notFound('Payment method');
    if (cards.length === 1 && tier.monthlyPriceCents > 0) {
      throw AppError.conflict('payment_method_required', `Your ${tier.displayName} plan is paid with this card: add another card first, or move to Free.`);
    }
    await gateway.detachPaymentMethod(account.gatewayCustomerId, paymentMethodId);
    await syncDefault(transaction, gateway, account, cards.filter((c) => c.paymentMethodId !== paymentMethodId));
  });
}
