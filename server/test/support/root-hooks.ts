import { clock } from '../../src/lib/clock';
import { startTestStack } from './database';

let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;

/** One database and job queue for the whole server suite; files reset the tables they use. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    stack = await startTestStack();
  },
  afterEach() {
    clock.reset();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stack?.stop();
  },
};
