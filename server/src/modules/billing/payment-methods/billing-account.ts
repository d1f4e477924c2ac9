import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import { BillingAccount } from '../billing.models';
import type { PaymentGateway, PaymentMethodSummary } from '../gateways';

export interface PaymentMethodView {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

/**
 * The customer's billing account, row-locked until the transaction ends (card changes of one customer run
 * one at a time), with its processor customer created on first use. ensureCustomer is idempotent per user,
 * so a crash between it and the UPDATE only means the next call finds the same customer again.
 */
export async function lockAccountWithCustomer(
  transaction: Transaction,
  gateway: PaymentGateway,
  user: Pick<AuthUser, 'id' | 'email' | 'name'>,
): Promise<BillingAccount & { gatewayCustomerId: string }> {
  // Customers created before billing (or by test factories) have no account row yet.
  await db().query(`INSERT INTO billing_accounts (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING`, { replacements: [user.id], transaction, type: QueryTypes.INSERT });
  const account = (await BillingAccount.findOne({ where: { userId: user.id }, transaction, lock: transaction.LOCK.UPDATE }))!;
  const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name, existingCustomerId: account.gatewayCustomerId });
  if (customerId !== account.gatewayCustomerId) await account.update({ gatewayCustomerId: customerId }, { transaction });
  return account as BillingAccount & { gatewayCustomerId: string };
}

/**
 * Keeps billing_accounts.default_payment_method_id (the card off-session charges use) pointing at an attached
 * card: when it is unset or stale (card removed elsewhere, or added through Stripe Elements), it adopts the
 * processor's default, else the newest card, and tells the processor. Returns the cards as the API shows them.
 */
export async function syncDefault(
  transaction: Transaction,
  gateway: PaymentGateway,
  account: BillingAccount & { gatewayCustomerId: string },
  cards: PaymentMethodSummary[],
): Promise<PaymentMethodView[]> {
  let defaultId = account.defaultPaymentMethodId;
  if (!cards.some((c) => c.paymentMethodId === defaultId)) {
    const chosen = cards.find((c) => c.isDefault) ?? cards[0];
    if (chosen && !chosen.isDefault) await gateway.setDefaultPaymentMethod(account.gatewayCustomerId, chosen.paymentMethodId);
    defaultId = chosen?.paymentMethodId ?? null;
    await account.update({ defaultPaymentMethodId: defaultId }, { transaction });
  }
  return cards.map((c) => ({ id: c.paymentMethodId, brand: c.brand, last4: c.last4, expMonth: c.expMonth, expYear: c.expYear, isDefault: c.paymentMethodId === defaultId }));
}
