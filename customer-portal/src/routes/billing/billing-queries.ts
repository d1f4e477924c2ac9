import { useCustom, type HttpError } from '@refinedev/core';
import type { CurrentSubscription, Invoice, PaymentMethod, PublicConfig, SubscriptionTier, SubscriptionUsage } from '../../lib/api-types';

/**
 * The billing page's reads. Each card shows its own loading and error state, so one failing read
 * (e.g. payment methods) never hides the others; errors are shown in place, not as toasts.
 */
function useGet<T>(url: string) {
  // useCustom's generics want an object; arrays come back as-is.
  const { query, result } = useCustom<T & object, HttpError>({ url, method: 'get', errorNotification: false });
  return { query, data: query.isSuccess ? (result.data as T) : undefined };
}

export const useCurrentSubscription = () => useGet<CurrentSubscription>('/subscriptions/current');
export const useUsage = () => useGet<SubscriptionUsage>('/subscriptions/usage');
export const useTiers = () => useGet<SubscriptionTier[]>('/subscriptions/tiers');
export const usePaymentMethods = () => useGet<PaymentMethod[]>('/billing/payment-methods');
export const usePublicConfig = () => useGet<PublicConfig>('/config');
export const useInvoices = () => useGet<Invoice[]>('/billing/invoices');
