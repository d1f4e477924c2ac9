import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeUser } from '../../test/support/factories';
import { apiSignIn, baseUrl } from './root-hooks';

/**
 * A Professional customer with the 4242 test card, signed in on `page`'s API client (upgraded today: the
 * upgrade's invoice is paid and their period ends in about a month).
 */
export async function professionalCustomer(page: Page, email: string, name: string) {
  const user = await makeUser({ name, email });
  await apiSignIn(page, email);
  expect((await page.request.post(`${baseUrl}/api/billing/payment-methods`, { data: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' } })).status()).to.equal(201);
  expect((await page.request.post(`${baseUrl}/api/subscriptions/upgrade`, { data: { tier: 'professional' } })).status()).to.equal(200);
  return user;
}
