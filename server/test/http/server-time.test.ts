import { expect } from 'chai';
import request from 'supertest';
import { clock } from '../../src/lib/clock';
import { app } from '../support/app';

describe('x-server-time', () => {
  afterEach(() => clock.reset());

  it('every API answer carries the app clock, readable by the UIs, and follows the clock when it is moved', async () => {
    const res = await request(app()).get('/api/no/such/thing');
    expect(res.status).to.equal(404);
    expect(Math.abs(Date.parse(res.headers['x-server-time']) - Date.now())).to.be.below(5_000);
    expect(res.headers['access-control-expose-headers']).to.include('x-server-time');

    clock.advance(3 * 24 * 3600_000);
    const later = await request(app()).get('/api/config');
    expect(Date.parse(later.headers['x-server-time']) - Date.now()).to.be.within(3 * 24 * 3600_000 - 5_000, 3 * 24 * 3600_000 + 5_000);
  });
});
