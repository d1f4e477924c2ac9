import { expect } from 'chai';
import request from 'supertest';
import { seedDemo, DEMO_PASSWORD } from '../../../seeders/demo';
import { Analysis } from '../../src/modules/analyses/analysis.models';
import { User } from '../../src/modules/users/user.models';
import { app, resetDatabase } from '../support/app';

describe('demo seeder', () => {
  before(resetDatabase);
  after(resetDatabase);

  it('seeds the demo accounts and six months of history once, and never twice', async () => {
    const counts = await seedDemo();
    expect(counts).to.not.equal(null);
    expect(counts!.users).to.be.greaterThan(50);
    expect(counts!.adminUsers).to.equal(4);

    for (const [email, role] of [['ops@example.com', 'super_admin'], ['support@example.com', 'support_admin'], ['customer@example.com', 'customer'], ['free@example.com', 'customer']]) {
      const res = await request(app()).post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
      expect(res.status, email).to.equal(200);
      expect(res.body.user.role).to.equal(role);
    }
    const oldest = await User.min<Date, User>('createdAt');
    expect(Date.now() - new Date(oldest).getTime()).to.be.greaterThan(150 * 86_400_000);
    expect(await Analysis.count({ where: { status: 'completed' } })).to.equal(counts!.analyses);

    expect(await seedDemo()).to.equal(null);
    expect(await User.count()).to.equal(counts!.users);
  });
});
