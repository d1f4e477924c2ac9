import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { testConfig } from '../../support/app';

/** The portal loads Stripe.js (and its iframes) only with a publishable key; the CSP allows exactly that. */
describe('billing: Content-Security-Policy for Stripe Elements', () => {
  const csp = async (env: Record<string, string>) => (await request(createApp(testConfig(env))).get('/api/config')).headers['content-security-policy'] as string;

  it('allows js.stripe.com (script, frames) and api.stripe.com only when STRIPE_PUBLISHABLE_KEY is set', async () => {
    const without = await csp({});
    expect(without).to.not.include('stripe.com');
    const withKey = await csp({ STRIPE_PUBLISHABLE_KEY: 'pk_test_123' });
    expect(withKey).to.match(/script-src 'self' https:\/\/js\.stripe\.com/);
    expect(withKey).to.match(/frame-src 'self' https:\/\/js\.stripe\.com https:\/\/hooks\.stripe\.com/);
    expect(withKey).to.match(/connect-src 'self'[^;]* https:\/\/api\.stripe\.com/);
    const config = await request(createApp(testConfig({ STRIPE_PUBLISHABLE_KEY: 'pk_test_123' }))).get('/api/config');
    expect(config.body.stripePublishableKey).to.equal('pk_test_123');
  });
});
