import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config';
import { clock } from '../src/lib/clock';

describe('config', () => {
  it('fills every default from an empty environment', () => {
    const c = loadConfig({});
    expect(c).to.include({ PORT: 3000, NODE_ENV: 'development', RUN_WORKERS: true, publicUrl: 'http://localhost:3000' });
    expect(c.DATABASE_URL).to.equal(undefined);
  });

  it('stops with a message naming each bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', RUN_WORKERS: 'maybe' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/PORT/)
      .and.matches(/DATABASE_URL/)
      .and.matches(/RUN_WORKERS/);
  });
});

describe('clock', () => {
  it('advances and resets', () => {
    const before = clock.now().getTime();
    clock.advance(3_600_000);
    expect(clock.now().getTime() - before).to.be.within(3_600_000, 3_601_000);
    clock.reset();
    expect(Math.abs(clock.now().getTime() - Date.now())).to.be.lessThan(1000);
  });
});
